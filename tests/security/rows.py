"""The security table (issue 13; rows 1–36 of the security reference's §4) mapped to the tests that prove each row.

Tests that an earlier issue wrote are linked here, not copied; rows they covered only in part got their named test
in ``tests/security/``. ``tests/security/test_rows.py`` checks that every row is mapped and every node id still
names a test, so renaming or deleting one of these tests fails the suite until this map follows. Every test runs
on SQLite and again on PostgreSQL (``TEST_DATABASE_URL``), as the whole suite does.

``note`` says where PalmGov's codes or numbers differ from the table's proposals (the app's win) and what is
covered elsewhere or not yet. docs/security.md explains the promises these rows prove.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    stimulus: str
    tests: tuple[str, ...]
    note: str = ""


ERRORS = "tests/api/test_errors.py"
AUTH = "tests/api/v1/test_auth.py"
STAFF = "tests/api/v1/test_staff.py"
IDENTITY = "tests/api/v1/test_identity.py"
APPOINTMENTS = "tests/api/v1/test_appointments.py"
APPOINTMENT_RULES = "tests/app/services/test_appointments.py"
DB_FAULTS = "tests/faults/test_database_faults.py"
STAFF_RULES = "tests/app/services/test_staff.py"

ROWS: dict[int, Row] = {
    1: Row(
        "no / garbage / alg=none / role-tampered JWT: 401 AUTH_INVALID_TOKEN (not 422)",
        (
            f"{ERRORS}::TestJwtErrors::test_missing_token_is_401",
            f"{ERRORS}::TestJwtErrors::test_invalid_token_is_401_not_422",
            f"{ERRORS}::TestJwtErrors::test_alg_none_token_is_rejected",
            f"{ERRORS}::TestJwtErrors::test_token_for_another_audience_is_rejected",
            f"{AUTH}::TestTokens::test_tampered_kind_claim_is_invalid",
            f"{STAFF}::TestWhoMayCall::test_no_token_is_401",
        ),
        "No token at all is 401 AUTH_REQUIRED; a bad one AUTH_INVALID_TOKEN.",
    ),
    2: Row(
        "expired token; refresh token used as access: 401",
        (
            f"{ERRORS}::TestJwtErrors::test_expired_token_is_401",
            f"{AUTH}::TestTokens::test_expired_access_token_is_401",
            f"{AUTH}::TestTokens::test_refresh_token_is_not_an_access_token",
            f"{STAFF}::TestWhoMayCall::test_a_resident_refresh_token_cannot_refresh_a_staff_session",
        ),
        "An expired token is 401 AUTH_TOKEN_EXPIRED; a refresh token used as access 401 AUTH_INVALID_TOKEN.",
    ),
    3: Row(
        "logout, then reuse access and refresh tokens, also after Redis FLUSHALL: 401 AUTH_TOKEN_REVOKED",
        (
            f"{AUTH}::TestTokens::test_logout_revokes_access_and_refresh_tokens_even_after_redis_loss",
            f"{AUTH}::TestTokens::test_refresh_rotates_and_a_replayed_refresh_token_ends_the_session",
            f"{AUTH}::TestSessionList::test_list_and_end_another_device",
            f"{ERRORS}::TestJwtErrors::test_revoked_token_is_401",
            f"{ERRORS}::TestJwtErrors::test_well_signed_token_without_a_session_is_revoked",
        ),
    ),
    4: Row(
        "account disabled mid-token: 401 on the next call",
        (
            f"{AUTH}::TestTokens::test_disabling_a_resident_ends_their_sessions",
            f"{STAFF}::TestRoleChangesApplyAtTheNextRequest::test_a_disabled_account_is_out_at_once",
            f"{STAFF_RULES}::TestAccounts::test_disable_ends_every_session_at_once",
            "tests/api/v1/test_devices.py::TestRegistration::test_revoked_tokens_stop_at_once",
        ),
    ),
    5: Row(
        "5 wrong SMS codes, then the right one: 429 OTP_ATTEMPTS_EXCEEDED, code burned",
        (f"{AUTH}::TestSmsLogin::test_five_wrong_codes_burn_the_code",),
    ),
    6: Row(
        "code reused; used after its lifetime; phone A's code for phone B: 401 OTP_INVALID / OTP_EXPIRED",
        (
            f"{AUTH}::TestSmsLogin::test_code_works_once",
            f"{AUTH}::TestSmsLogin::test_code_expires_after_five_minutes",
            f"{AUTH}::TestSmsLogin::test_code_of_phone_a_does_not_log_in_phone_b",
            f"{AUTH}::TestSmsLogin::test_no_code_requested_is_otp_invalid",
            f"{AUTH}::TestLinkPhone::test_a_login_code_cannot_link",
        ),
        "Codes live 5 minutes (the table allows up to 10) and are bound to their purpose as well as their phone.",
    ),
    7: Row(
        "staff N wrong passwords; unknown user vs wrong password: 429 ACCOUNT_LOCKED; same body and timing",
        (
            f"{STAFF}::TestLogin::test_five_failures_lock_the_account",
            f"{STAFF}::TestLogin::test_unknown_user_and_wrong_password_look_the_same",
            f"{STAFF}::TestLogin::test_unknown_usernames_lock_too",
            f"{STAFF}::TestLogin::test_a_disabled_account_looks_like_a_wrong_password",
            f"{STAFF_RULES}::TestLockout::test_five_failures_lock_for_15_minutes_even_with_the_right_password",
            f"{STAFF_RULES}::TestPasswords::test_unknown_username_spends_an_argon2_verify_on_a_dummy_hash",
        ),
        "Same timing is proven by the work done (an unknown user costs one argon2 verify too), not by a clock.",
    ),
    8: Row(
        "resident A GET/PATCH/DELETE B's application or material: 404 NOT_FOUND, same as a nonexistent id; "
        "audit row denied",
        (
            "tests/security/test_access.py::test_another_residents_application_answers_like_a_missing_one",
            "tests/api/v1/test_applications.py::test_other_residents_and_out_of_scope_staff_get_404",
            f"{APPOINTMENTS}::TestMine::test_one_appointment_is_its_residents_only",
            "tests/api/v1/test_evaluations.py::test_other_residents_and_out_of_scope_staff_get_404",
            f"{IDENTITY}::TestFace::test_someone_elses_check_is_404",
            f"{AUTH}::TestSessionList::test_someone_elses_session_is_404",
        ),
        "Each such 404 to a signed-in caller is an audit row access.denied (result denied), whether the object "
        "is someone else's or does not exist.",
    ),
    9: Row(
        "resident calls /staff/... and /admin/*: 403 FORBIDDEN",
        (
            "tests/security/test_access.py::test_a_resident_is_forbidden_every_staff_and_admin_operation",
            f"{STAFF}::TestWhoMayCall::test_a_resident_is_forbidden",
            f"{STAFF}::TestWhoMayCall::test_non_admin_staff_are_forbidden",
            "tests/api/v1/test_admin_places.py::TestRoles::test_residents_are_403_and_strangers_401",
            "tests/api/v1/test_statistics.py::test_residents_and_anonymous_callers_are_refused",
        ),
    ),
    10: Row(
        "district-X staff on district-Y data; city admin on child districts: 404 / 200",
        (
            "tests/api/v1/test_admin_places.py::TestScopes::test_out_of_scope_looks_missing",
            "tests/api/v1/test_admin_places.py::TestScopes::test_a_district_admin_edits_halls_in_the_district",
            "tests/api/v1/test_devices.py::TestScopes::test_over_the_tree",
            "tests/api/v1/test_admin_items.py::TestScopes::test_another_departments_items_look_missing",
            "tests/api/v1/test_admin_slots.py::TestDaySlots::test_another_halls_staff_get_404",
            "tests/api/v1/test_supervision.py::test_out_of_scope_is_not_found",
            "tests/api/v1/test_statistics.py::test_a_department_supervisor_gets_only_its_department",
            "tests/app/services/test_scopes.py::test_a_scope_covers_the_objects_below_it",
        ),
    ),
    11: Row(
        "body with status, user_id, department_id, role: 400 VALIDATION_ERROR 'Unknown field.'; DB unchanged",
        (
            f"{ERRORS}::test_unknown_fields_are_rejected",
            f"{AUTH}::TestSmsLogin::test_mass_assignment_fields_are_refused",
            f"{STAFF}::TestAdministration::test_a_body_with_status_is_refused",
            "tests/api/v1/test_admin_items.py::TestValidation::test_an_update_cannot_carry_a_code",
            "tests/api/test_openapi.py::test_request_schemas_forbid_unknown_properties",
        ),
    ),
    12: Row(
        "staff demoted mid-session: next call 403",
        (
            f"{STAFF}::TestRoleChangesApplyAtTheNextRequest::test_a_demoted_admin_is_refused_at_the_next_call",
            f"{STAFF}::TestRoleChangesApplyAtTheNextRequest::test_a_narrowed_scope_applies_at_the_next_call",
            f"{STAFF_RULES}::TestAccounts::test_roles_are_replaced_and_read_fresh",
        ),
    ),
    13: Row(
        "bad ID numbers (check digit, Feb 30, future, full-width, trailing newline): 400 INVALID_ID_NUMBER; "
        "lower-case x stored as X",
        (
            f"{IDENTITY}::TestRealName::test_bad_id_numbers_are_400",
            f"{IDENTITY}::TestRealName::test_trailing_newline_is_refused",
            "tests/app/test_validators.py::TestIdNumber::test_checks_the_date_and_the_check_digit",
            "tests/app/test_validators.py::TestIdNumber::test_refuses_malformed_values",
            "tests/app/test_validators.py::TestIdNumber::test_lower_case_x_is_accepted_and_stored_upper",
            "tests/app/test_validators.py::TestIdNumber::"
            "test_every_well_formed_number_is_accepted_and_any_other_check_char_refused",
        ),
    ),
    14: Row(
        "phone 12345678901, 1380013800, '13800138000\\n': 400 INVALID_PHONE",
        (
            f"{AUTH}::TestSmsCodes::test_bad_phones_are_400_invalid_phone",
            "tests/app/test_validators.py::TestPhone::test_invalid",
            "tests/app/test_validators.py::TestPhone::test_valid",
        ),
    ),
    15: Row(
        "booking in the past, beyond the horizon, outside hours: refused",
        (
            f"{APPOINTMENT_RULES}::test_booking_closes_an_hour_before_and_never_after_the_walk_in_release",
            f"{APPOINTMENT_RULES}::test_slots_open_at_8_on_d_minus_7_and_say_when",
            f"{APPOINTMENT_RULES}::test_a_day_that_became_a_holiday_and_a_closed_slot_are_refused",
            f"{APPOINTMENTS}::TestBook::test_rule_messages_say_when_in_english",
            f"{APPOINTMENTS}::TestBook::test_unknown_slots_and_items_are_404",
        ),
        "The app's codes, all 422, are more precise than SLOT_NOT_BOOKABLE: BOOKING_CLOSED (past, or less than an "
        "hour ahead), SLOT_NOT_RELEASED (beyond the horizon), SLOT_CLOSED / NOT_A_WORKING_DAY. Outside opening "
        "hours no slot exists, so the slot id is 404 NOT_FOUND.",
    ),
    16: Row(
        "same resident books 09:00-09:30, then 09:15-09:45: 409 BOOKING_OVERLAP",
        (
            "tests/security/test_booking.py::test_a_partly_overlapping_booking_is_409_and_books_nothing",
            f"{APPOINTMENT_RULES}::test_overlapping_bookings_and_at_most_three_active",
        ),
    ),
    17: Row(
        "2 MB body; 100k-deep JSON; form body; PUT on a POST route: JSON 413 / 400 / 415 / 405",
        (
            "tests/security/test_input.py::test_hostile_bodies_get_a_json_error",
            "tests/security/test_input.py::test_put_on_a_post_route_is_405_naming_post",
            f"{ERRORS}::test_body_over_max_content_length_is_413",
            f"{ERRORS}::test_json_body_over_json_limit_is_413",
            f"{ERRORS}::test_deeply_nested_json_is_400_not_500",
            f"{ERRORS}::test_malformed_json_is_400",
            f"{ERRORS}::test_form_body_on_json_endpoint_is_415",
            f"{ERRORS}::test_wrong_method_is_405_with_allow_header",
        ),
        "Codes: PAYLOAD_TOO_LARGE, MALFORMED_JSON, UNSUPPORTED_MEDIA_TYPE, METHOD_NOT_ALLOWED.",
    ),
    18: Row(
        "name with control chars, RTL/zero-width, too long, CRLF; 欧阳娜娜 accepted; no forged log lines",
        (
            f"{IDENTITY}::TestRealName::test_bad_names_are_400",
            "tests/app/test_validators.py::TestName::test_invalid",
            "tests/app/test_validators.py::TestName::test_valid",
            "tests/app/test_logs.py::test_a_newline_in_a_message_cannot_forge_a_log_line",
            f"{STAFF_RULES}::TestAccounts::test_bad_values_are_refused",
            "tests/app/services/test_catalog_rules.py::test_text_is_printable_but_long_text_may_have_lines",
        ),
        "Names are at most 30 characters (the table proposed 50).",
    ),
    19: Row(
        ".exe renamed .pdf; oversize file; filename ../../x: 415 / 413 / stored under a server-made name",
        (
            "tests/api/v1/test_applications.py::test_bad_files_get_clear_errors",
            "tests/app/services/test_uploads.py::test_anything_else_is_refused_by_its_content",
            "tests/app/services/test_uploads.py::test_the_content_decides_not_the_declared_type",
            "tests/app/services/test_uploads.py::test_a_file_of_exactly_the_limit_passes_and_one_byte_more_does_not",
            "tests/app/services/test_applications.py::"
            "test_submitting_checks_everything_at_once_then_numbers_the_application",
            "tests/app/test_storage.py::test_the_key_is_the_utc_day_and_a_random_name",
            "tests/app/test_storage.py::test_keys_of_any_other_shape_are_refused",
        ),
        "Codes: 415 UPLOAD_TYPE, 413 UPLOAD_TOO_LARGE.",
    ),
    20: Row(
        "page_size=100000: 400 or clamped to 100",
        (
            "tests/security/test_input.py::test_a_page_size_of_100000_is_400",
            "tests/security/test_input.py::test_every_paged_list_is_capped_at_100",
            f"{STAFF}::TestAdministration::test_bad_paging_is_400",
        ),
        "400 VALIDATION_ERROR naming page_size; every paged list in the spec says maximum 100.",
    ),
    21: Row(
        "same phone twice in 60 s; 11th in a day; many phones from one IP; spoofed XFF: 429 SMS_TOO_FREQUENT",
        (
            f"{AUTH}::TestSmsCodes::test_second_code_within_60_seconds_is_429_with_retry_after",
            f"{AUTH}::TestSmsCodes::test_eleventh_code_of_the_day_is_refused",
            f"{AUTH}::TestSmsCodes::test_one_ip_asking_for_many_phones_is_limited_and_xff_is_ignored",
            f"{AUTH}::TestSmsCodes::test_known_and_unknown_phones_get_the_same_202",
            f"{ERRORS}::test_rate_limited_is_429_with_retry_after",
        ),
    ),
    22: Row(
        "20 parallel SMS requests over 4 gunicorn workers: exactly the limit succeeds",
        ("tests/integration/test_gunicorn.py::test_sms_limits_hold_exactly_across_four_workers",),
    ),
    23: Row(
        "limiter storage down, SMS send: 503 RATE_LIMIT_UNAVAILABLE; provider gets 0 calls",
        (
            f"{AUTH}::TestSmsCodes::test_limiter_down_is_503_and_nothing_is_sent",
            "tests/app/test_ratelimit.py::test_redis_down_is_reported_not_ignored",
        ),
        "Process-level Redis faults (kill, hang) get their own tests in tests/faults/ (docs/reliability.md).",
    ),
    24: Row(
        "simultaneous bookings for the last places: exactly capacity 201s, the rest 409 SLOT_FULL",
        (
            "tests/integration/test_booking_concurrency.py::test_200_residents_racing_for_10_places_get_exactly_10",
            f"{APPOINTMENTS}::TestBook::test_a_full_slot_is_409_until_a_place_comes_back",
            f"{APPOINTMENT_RULES}::test_a_full_slot_is_refused_and_remembered_until_a_place_comes_back",
        ),
        "Run as 200 residents for 10 places over gunicorn workers on PostgreSQL (stronger than 40 for 1).",
    ),
    25: Row(
        "same Idempotency-Key concurrently / with a new body / missing: one booking (replayed) / 422 / 400",
        (
            "tests/integration/test_booking_concurrency.py::test_20_concurrent_retries_of_one_booking_book_once",
            f"{APPOINTMENTS}::TestBook::test_a_retry_with_the_same_key_gets_the_same_appointment",
            f"{APPOINTMENTS}::TestBook::test_the_same_key_with_another_body_is_refused",
            f"{APPOINTMENTS}::TestBook::test_without_an_idempotency_key_nothing_is_booked",
            f"{APPOINTMENT_RULES}::test_concurrent_duplicates_make_one_booking",
            f"{APPOINTMENT_RULES}::test_a_key_is_1_to_255_printable_ascii_characters",
        ),
        "Concurrent duplicates wait for the first and replay its answer (not 409); codes "
        "IDEMPOTENCY_KEY_REUSED (422) and IDEMPOTENCY_KEY_REQUIRED (400).",
    ),
    26: Row(
        "200 concurrent ticket takes over 4 workers: numbers unique; every 201 has a DB row",
        (
            "tests/integration/test_queue_concurrency.py::"
            "test_takers_and_windows_at_once_unique_numbers_each_ticket_called_once",
            "tests/app/services/test_tickets.py::test_numbers_run_per_line_per_day_and_every_ticket_is_recorded",
        ),
    ),
    27: Row(
        "Redis killed or flushed between ticket batches: numbering continues from the DB; no 500",
        (
            "tests/integration/test_queue_redis_fault.py::test_redis_killed_and_back_empty_loses_nothing",
            "tests/app/services/test_tickets.py::test_numbering_continues_after_redis_loses_everything",
            "tests/app/services/test_tickets.py::test_rebuild_restores_the_lines_in_their_order",
        ),
    ),
    28: Row(
        "Redis down: protected endpoint 503 (never 200 on a failed revocation check) / public catalogue 200",
        (
            f"{AUTH}::TestSessionCheckWithoutRedis::test_redis_and_database_down_is_503_never_200",
            f"{AUTH}::TestSessionCheckWithoutRedis::test_redis_down_falls_back_to_the_database",
            "tests/api/v1/test_availability.py::test_availability_answers_while_redis_is_down",
            f"{ERRORS}::test_redis_down_is_503",
            f"{ERRORS}::test_rate_limit_falls_back_to_a_local_count_when_redis_is_down",
            "tests/app/test_redis_store.py::test_redis_errors_become_a_domain_error",
        ),
        "With Redis down the session check falls back to the database (200 when it answers, 503 "
        "AUTH_UNAVAILABLE when it does not too).",
    ),
    29: Row(
        "Redis SIGSTOP then SIGCONT: 503 after one short timeout; recovers without restart",
        (
            "tests/app/test_redis_store.py::test_a_hung_redis_costs_one_attempt_not_ten",
            "tests/api/v1/test_board.py::test_redis_failing_midway_ends_the_stream_quietly",
            "tests/faults/test_redis_faults.py::test_a_hung_redis_fails_closed_and_recovers_without_a_restart",
        ),
        "Measured wall times per request (0.5 to 1.0 s): docs/reliability.md.",
    ),
    30: Row(
        "DB connections killed, DB down or pool exhausted; crash mid-submit: 200 / 503 DB_UNAVAILABLE / "
        "no partial rows",
        (
            f"{ERRORS}::test_database_down_is_503",
            f"{APPOINTMENT_RULES}::test_no_booking_is_committed_without_redis",
            "tests/app/services/test_tickets.py::test_redis_failing_before_the_number_commits_nothing",
            f"{APPOINTMENTS}::TestMine::test_a_failed_reschedule_leaves_the_appointment_as_it_was",
            "tests/app/test_storage.py::test_a_failed_write_leaves_nothing_behind",
            f"{DB_FAULTS}::test_connections_the_server_killed_are_replaced_before_use",
            f"{DB_FAULTS}::test_an_unreachable_database_is_503_db_unavailable",
            f"{DB_FAULTS}::test_an_exhausted_pool_is_503_then_serves_again",
            f"{DB_FAULTS}::test_a_crash_in_the_middle_of_a_submit_leaves_no_partial_rows",
        ),
        "The server-side kill and the pool runs need PostgreSQL (skipped on SQLite); times: docs/reliability.md.",
    ),
    31: Row(
        "resident and staff responses: ID, phone, name masked; full value only via audited reveal (staff + reason)",
        (
            "tests/app/test_masking.py::test_id_number",
            "tests/app/test_masking.py::test_phone",
            "tests/app/test_masking.py::test_name",
            "tests/app/test_masking.py::test_short_values_are_fully_masked",
            f"{AUTH}::TestSmsLogin::test_login_returns_tokens_and_a_masked_resident_at_level_1",
            f"{IDENTITY}::TestRealName::test_binding_reaches_l2_and_shows_only_masked_values",
            f"{STAFF}::TestResidentsAsStaffSeeThem::test_the_view_is_masked_and_audited",
            f"{STAFF}::TestResidentsAsStaffSeeThem::test_reveal_gives_only_the_fields_asked_for_and_is_audited",
            f"{STAFF}::TestResidentsAsStaffSeeThem::test_bad_reveals_are_400_and_not_audited",
            f"{APPOINTMENTS}::TestDayList::test_staff_of_the_hall_see_masked_names_and_phones",
            "tests/api/v1/test_tickets.py::test_a_window_calls_next_and_sees_the_holder_masked",
            "tests/api/v1/test_applications.py::test_staff_reveal_the_answers_with_an_audited_reason",
            "tests/security/test_headers.py::test_personal_data_answers_are_no_store",
            "tests/security/test_privacy_scan.py::test_a_leak_in_any_process_fails_the_run",
            "tests/security/test_privacy_scan.py::test_the_detectors_catch_unmasked_values",
        ),
        "Besides these, every answer of the whole run is scanned for unmasked values (docs/privacy.md).",
    ),
    32: Row(
        "the suite's logs scanned for ID/phone/OTP/Bearer patterns: 0 hits",
        (
            "tests/test_log_scan.py::test_detectors_catch_unscrubbed_lines",
            "tests/test_log_scan.py::test_app_logs_with_personal_data_are_scrubbed_on_the_way_out",
            "tests/app/test_logs.py::test_scrub_masks_personal_data_and_secrets",
            f"{AUTH}::TestSmsCodes::test_code_is_six_ascii_digits_and_not_logged",
            f"{STAFF}::TestResidentsAsStaffSeeThem::test_personal_data_typed_into_the_reason_is_masked_in_the_log",
        ),
    ),
    33: Row(
        "raw SQL on encrypted columns; flipped ciphertext byte; SM3/SM4 KATs: no plaintext; fails closed; KATs pass",
        (
            f"{IDENTITY}::TestRealName::test_stored_encrypted_with_a_blind_index",
            f"{IDENTITY}::TestRealName::test_a_flipped_ciphertext_byte_fails_closed",
            f"{AUTH}::TestSmsLogin::test_phone_is_encrypted_at_rest",
            f"{AUTH}::TestSmsCodes::test_code_is_stored_hashed",
            f"{STAFF_RULES}::TestSecondFactor::test_the_secret_is_stored_encrypted",
            "tests/app/security/test_crypto.py::test_known_answer_tests_pass_on_this_library",
            "tests/app/security/test_crypto.py::test_a_library_that_fakes_sm3_is_refused",
            "tests/app/security/test_crypto.py::test_any_flipped_byte_fails_closed",
            "tests/app/security/test_crypto.py::test_a_value_copied_to_another_column_does_not_decrypt",
            "tests/app/security/test_crypto.py::test_unreadable_tokens_fail_closed",
        ),
    ),
    34: Row(
        "view/reveal PII; UPDATE/DELETE audit; edit a row; audit write fails: a full row per access; mutation "
        "denied; chain breaks; data withheld",
        (
            "tests/security/test_audit_trail.py::test_view_and_reveal_each_leave_a_complete_audit_row",
            f"{STAFF}::TestResidentsAsStaffSeeThem::test_if_the_audit_cannot_be_written_no_data_is_returned",
            "tests/app/services/test_audit.py::test_the_app_cannot_update_or_delete_rows",
            "tests/app/services/test_audit.py::test_an_edited_row_breaks_the_chain",
            "tests/app/services/test_audit.py::test_a_deleted_row_breaks_the_chain",
            "tests/app/services/test_audit.py::test_rows_chain_from_the_genesis_hash",
            f"{AUTH}::TestSmsLogin::test_logins_and_failures_are_audited",
            f"{STAFF}::TestLogin::test_every_attempt_is_audited_without_secrets",
            "tests/api/v1/test_me_export.py::test_every_export_is_audited",
            "tests/app/services/test_retention.py::test_old_audit_rows_go_and_the_kept_chain_still_verifies",
            "tests/app/services/test_retention.py::test_rows_removed_from_the_head_by_anyone_else_still_break_the_chain",
            "tests/app/services/test_retention.py::test_too_short_periods_are_refused_at_start",
        ),
        "Retention keeps audit rows RETENTION_AUDIT_DAYS (1095 by default; below 180 the app refuses to start).",
    ),
    35: Row(
        "face verification without separate consent: 409 CONSENT_REQUIRED; non-face path works; raw image not stored",
        (
            f"{IDENTITY}::TestFace::test_without_consent_is_409_and_the_alternative_is_documented",
            f"{IDENTITY}::TestFace::test_withdrawn_consent_stops_new_checks",
            f"{IDENTITY}::TestFace::test_nothing_personal_is_stored_with_the_check",
            f"{IDENTITY}::TestFace::test_the_client_cannot_claim_a_pass",
        ),
    ),
    36: Row(
        "callback: bad signature / skew > 300 s / replayed nonce / unknown session / nonce store down: "
        "401 / 401 / 200 no-op / 400 / 503",
        (
            f"{IDENTITY}::TestFaceCallbacks::test_bad_signature_is_401",
            f"{IDENTITY}::TestFaceCallbacks::test_skewed_timestamp_is_401",
            f"{IDENTITY}::TestFaceCallbacks::test_replayed_nonce_is_a_no_op",
            f"{IDENTITY}::TestFaceCallbacks::test_unknown_session_is_400",
            f"{IDENTITY}::TestFaceCallbacks::test_nonce_store_down_is_503",
            f"{IDENTITY}::TestFaceCallbacks::test_a_callback_cannot_pass_a_check_the_provider_did_not",
        ),
    ),
}
