// Generated from openapi.json by scripts/api-types.mjs (`make api-types`). Do not edit.

export type paths = {
    "/api/v1/_sandbox/face/{ref}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ref: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Play the resident's side of a sandbox face check: it passed or failed. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ref: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FaceResult"];
                };
            };
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                404: components["responses"]["NOT_FOUND"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/_sandbox/sms-inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The last messages the sandbox SMS provider 'sent' to a phone, newest first. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InboxRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Inbox"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/booking-bans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Bans started at your halls, latest first (at most 100); `phone` finds one resident's, `active=false`
         *     includes ended and lifted ones.
         */
        get: {
            parameters: {
                query?: {
                    /** @description false includes ended and lifted bans */
                    active?: boolean;
                    /** @description One resident's */
                    phone?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BanList"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/booking-bans/{ban_id}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ban_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a ban now, with a reason (audited). 409 `BAN_NOT_ACTIVE` if it has ended or was lifted. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ban_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BanLiftRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ban"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a department in a region you manage. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DepartmentCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Department"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/departments/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Replace a department's name, region and phone; moving it needs both regions in your scope. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DepartmentUpdateRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Department"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        /** Delete a department without service items or roles scoped to it. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Devices of the halls in your scope, newest first, revoked ones included. Tokens are never shown. */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeviceList"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /** Register a kiosk or display board for a hall. The device token is in this answer only. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DeviceCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RegisteredDevice"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/devices/{device_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                device_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke the device: its token stops working at once. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    device_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/halls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a hall in a region you manage; then add its queue categories and windows. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["HallCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HallDetail"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/halls/{hall_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        get?: never;
        /** Replace a hall's fields (not its categories or windows); moving it needs both regions in your scope. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["HallUpdateRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HallDetail"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        /** Delete a hall without categories, windows, devices or roles scoped to it. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/halls/{hall_id}/categories": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a queue category (a line with its letter) to a hall; `items` are service item codes. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CategoryCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Category"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/halls/{hall_id}/categories/{prefix}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
                prefix: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Replace a category's name and items. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hall_id: number;
                    prefix: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CategoryUpdateRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Category"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        /** Delete a category; its windows stop serving it. Refused while it is some window's only category. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hall_id: number;
                    prefix: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/halls/{hall_id}/categories/{prefix}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
                prefix: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Create or replace how a hall line takes bookings (a field left out takes its default). Existing slots
         *     stay as they are; missing ones are generated at once.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hall_id: number;
                    prefix: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ScheduleRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Schedule"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/halls/{hall_id}/slots": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        /** A day's slots of every line of the hall, with how many are booked. */
        get: {
            parameters: {
                query?: {
                    /** @description Hall date (default: the hall's today) */
                    date?: string;
                };
                header?: never;
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffSlotList"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/halls/{hall_id}/windows": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a window serving some of the hall's categories (by prefix). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WindowCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Window"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/halls/{hall_id}/windows/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
                number: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Replace the categories a window serves and whether it is accessible. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hall_id: number;
                    number: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WindowUpdateRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Window"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        /** Delete a window. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hall_id: number;
                    number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/holiday-years/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Enter a whole year from the State Council's notice: it replaces every override of the year and marks the
         *     year covered. List the holidays as ``working: false`` and the make-up Saturdays and Sundays as
         *     ``working: true``; the other days follow chinese-calendar, or the week (Monday to Friday) in a year it
         *     does not know.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    year: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["YearRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HolidayList"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        /** The table no longer covers the year in full (its single days stay); 404 if it did not. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    year: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/holidays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The overrides in date order (of one year with ``year``), the years the table covers, and how ``year``
         *     is covered: by chinese-calendar (``package``), by this table (``table``) or not at all (``none``).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only this year's days, and how it is covered */
                    year?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HolidayList"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/holidays/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                date: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Make the day a working day (``true``) or a day off (``false``), whatever the national calendar says. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    date: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["HolidayRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Holiday"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        /** Remove the day's override: the national calendar (or the covered year's week) decides it again. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    date: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The items of your departments (drafts, with their publication status), by code. */
        get: {
            parameters: {
                query?: {
                    /** @description Department code */
                    department?: string;
                    page?: number;
                    page_size?: number;
                    /** @description 中文, pinyin or initials */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminItemPage"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /** Create an item as a draft; residents see it once it is published. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ItemCreate"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminItem"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/items/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminItem"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        /** Replace the draft: the guide and its materials. The published item changes only when you publish. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ItemUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminItem"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        /** Withdraw the item (draft and published). Refused (409 ``IN_USE``) while a hall's queue lists it. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/items/{code}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make the draft what residents see (audited). Publishing an unchanged draft changes nothing. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminItem"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a region below one you manage (a root region needs scope `all`). A region sits below a higher level. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegionCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Region"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/regions/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Replace a region's name, level and parent. You manage the regions below your own scope's region. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegionUpdateRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Region"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        /** Delete a region nothing sits in (`409 IN_USE` names the sub-regions, departments, halls or roles). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/slots/{slot_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slot_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a slot's capacity (never below what is booked: `422 CAPACITY_BELOW_BOOKED`) or close it, with a
         *     reason (audited).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slot_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SlotAdjustRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffSlot"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Staff accounts you manage, oldest first. */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffList"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /** Create a staff account without roles; give it roles with ``PUT /staff/{id}/roles``. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StaffCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Staff"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/staff/{staff_id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                staff_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable the account: it cannot log in, and all its sessions end now. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    staff_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Staff"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/staff/{staff_id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                staff_id: number;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the account's roles. They apply at its next request; gaining an admin role ends its sessions
         *     (the next login needs the authenticator). You can grant only scopes inside your own (403 otherwise).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    staff_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RolesRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Staff"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/staff/{staff_id}/totp": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                staff_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give the account a new authenticator secret (replacing any old one). The URI is shown this once. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    staff_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TotpEnrolment"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your applications and those of relatives you act for, newest first. */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    page_size?: number;
                    status?: "draft" | "received" | "withdrawn" | "accepted" | "not_accepted" | "correction" | "in_process" | "special" | "approved" | "approved_pending" | "refused" | "revoked" | "delivered";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApplicationPage"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /**
         * Start a draft for an item that is handled online (or, with `acting_for`, for a relative). The form may
         *     be incomplete; what it gives must be valid. 422 `ITEM_NOT_ONLINE`; 403 `ASSURANCE_REQUIRED`.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description A new random value (a UUID) per action; send the same one when you retry it. Kept 24 hours: a retry gets the first answer again (with `Idempotent-Replayed: true`); the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; no key is 400 `IDEMPOTENCY_KEY_REQUIRED`. */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateApplication"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{application_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        /** One application: its answers (phone and ID numbers masked), materials, deadline and timeline. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Application"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change answers of a draft or of an application sent back for 补正. */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateApplication"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Application"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        trace?: never;
    };
    "/api/v1/applications/{application_id}/materials": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload one file (PDF, JPEG or PNG, judged by its content) for a checklist line, as `multipart/form-data`
         *     with `material` and `file`. 413 `UPLOAD_TOO_LARGE`, 415 `UPLOAD_TYPE`, 400 `UPLOAD_EMPTY`/`UPLOAD_DAMAGED`,
         *     422 `UPLOAD_LIMIT`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/x-www-form-urlencoded": components["schemas"]["MaterialUpload"];
                    "multipart/form-data": {
                        /**
                         * Format: binary
                         * @description PDF, JPEG or PNG
                         */
                        file: string;
                        /** @description The checklist line's name */
                        material: string;
                    };
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                415: components["responses"]["UNSUPPORTED_MEDIA_TYPE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{application_id}/materials/{file_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
                file_id: number;
            };
            cookie?: never;
        };
        /** One of your uploaded files. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                    file_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        /** Take a file off a draft (or an application in 补正); it is kept for the record, no longer shown. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                    file_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{application_id}/resubmit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the application again after 补正 (code 7), checked complete like a submission. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Application"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{application_id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the draft: every required answer and uploaded material is checked (all problems in one 400), then
         *     it gets its 办件编号 and is `received` (已接件, code 1).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Application"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{application_id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a step of the national lifecycle (accept, request_correction, approve…); 409 `INVALID_TRANSITION`
         *     with `details.allowed` when it does not fit. See docs/applications.md.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Transition"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffApplication"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{application_id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 撤回 a draft or an application not yet accepted (code 2). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Application"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your appointments and those you made for relatives, latest first (at most 100). */
        get: {
            parameters: {
                query?: {
                    /** @description Only those still booked (not checked in, cancelled or no-show) */
                    active?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AppointmentList"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /**
         * Book a slot for an item (or, with `acting_for`, for a relative). The rules, each with its own code and
         *     when to try again: 409 `SLOT_FULL`, `SLOT_CLOSED`, `ALREADY_BOOKED`, `BOOKING_OVERLAP`; 422
         *     `SLOT_NOT_RELEASED`, `BOOKING_CLOSED`, `NOT_A_WORKING_DAY`, `TOO_MANY_BOOKINGS`, `ITEM_NOT_BOOKABLE`;
         *     403 `BOOKING_BANNED`, `ASSURANCE_REQUIRED`. See docs/appointments.md.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description A new random value (a UUID) per action; send the same one when you retry it. Kept 24 hours: a retry gets the first answer again (with `Idempotent-Replayed: true`); the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; no key is 400 `IDEMPOTENCY_KEY_REQUIRED`. */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BookRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{appointment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appointment_id: number;
            };
            cookie?: never;
        };
        /** One appointment with its checklist of materials and, while booked, its check-in code. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    appointment_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{appointment_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appointment_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel until `change_until` (2 hours before by default; 422 `CHANGE_TOO_LATE` after). The place is free
         *     at once. Cancellations above the monthly limit count toward a booking ban.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    appointment_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{appointment_id}/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appointment_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * "I'm here": check your appointment in from the app within its check-in window (from an hour before the
         *     slot to 15 minutes after it) and get its ticket; again gives the same ticket.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    appointment_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                410: components["responses"]["GONE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{appointment_id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appointment_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move to another slot of the same item (any hall that takes it), until `change_until`. The new place is
         *     taken first: if it fails, the appointment stays as it was.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    appointment_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RescheduleRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/check-in-qr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The QR code of a check-in token, for the resident's phone to show at the kiosk; 404 for a token that is
         *     not genuine.
         */
        get: {
            parameters: {
                query: {
                    /** @description png (default) or svg */
                    format?: "png" | "svg";
                    token: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The check-in token as a QR code */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/png": string;
                        "image/svg+xml": string;
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trade the refresh token for new tokens. Each refresh token works once; a replay ends the session. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tokens"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with an SMS code, a WeChat ``wx.login`` code (plus an optional phone code) or an Alipay auth code. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        /** @enum {string} */
                        method: "sms";
                        /** @example 13800138000 */
                        phone: string;
                    } | {
                        code: string;
                        /** @enum {string} */
                        method: "wechat";
                        phone_code?: string;
                    } | {
                        code: string;
                        /** @enum {string} */
                        method: "alipay";
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Login"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Log out: this session's access and refresh tokens stop working at once. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sms-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Text a 6-digit login code. The answer is the same whether or not the phone has an account. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SmsCodeRequest"];
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/check-ins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A kiosk scanned an appointment's code: the appointment is checked in at the kiosk's hall and its ticket
         *     printed (a display board may not: 403). A second scan gives the same ticket. 422 `CHECK_IN_TOO_EARLY`
         *     (with `opens_at`) or `CHECK_IN_WRONG_HALL`, 410 `CHECK_IN_EXPIRED`, 409 `APPOINTMENT_NOT_ACTIVE`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CheckInRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["KioskTicket"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                410: components["responses"]["GONE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your complaints, newest first, with their answers. */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ComplaintPage"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /**
         * Complain about your ticket, your application or a department (name exactly one). The department
         *     concerned answers within `COMPLAINT_REPLY_DAYS` working days (`due_on`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ComplaintRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/complaints/{complaint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                complaint_id: number;
            };
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    complaint_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Complaint"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/complaints/{complaint_id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                complaint_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rate the answer (3 满意, 2 基本满意, 1 不满意); this closes the complaint. 409 `COMPLAINT_STATE` before it. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    complaint_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RatingRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Complaint"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/consents/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
            };
            cookie?: never;
        };
        /** The text a resident agrees to, and its version (face: the separate consent of PIPL Art. 29). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kind: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsentText"];
                    };
                };
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description 行政区划代码 */
                    region?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DepartmentList"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dev/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a phone's resident was sent or will be sent, newest first: notifications (any status) and what the
         *     sandbox SMS provider delivered (login codes included, so a new user can read theirs).
         */
        get: {
            parameters: {
                query: {
                    phone: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Outbox"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The evaluator device at a window submits the rating of the ticket just finished in its hall (within 10
         *     minutes). Other devices get 403.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DeviceRate"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Evaluation"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling device: its hall, kind and name. A missing, unknown or revoked token is 401. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Device"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your ratings (and those of your services), newest first, with the work order a 差评 opened. */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EvaluationPage"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /**
         * Rate a finished hall visit (`ticket_id`, on-site indicators) or a concluded application (`application_id`,
         *     online indicators) once, within 15 days; real name needed (403 `ASSURANCE_REQUIRED`). 409 `ALREADY_RATED`,
         *     422 `RATING_NOT_OPEN`. Levels 1-2 (差评) open a work order for the department.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Rate"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/face-verifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a face check for a purpose; needs real name (L2) and the face consent (else 409 CONSENT_REQUIRED). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FaceStartRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/face-verifications/{verification_id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                verification_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the provider for the result (the client's own report is ignored). A pass returns a face ticket once. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    verification_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FaceCompleted"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/halls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Halls with today's hours and whether they are open now; nearest first when ``near`` is given. */
        get: {
            parameters: {
                query?: {
                    /** @description latitude,longitude: sort by distance */
                    near?: string;
                    /** @description 行政区划代码 */
                    region?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HallList"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/halls/{hall_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        /** A hall with its weekly hours, closures, queue categories and windows. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HallDetail"];
                    };
                };
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/halls/{hall_id}/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        /**
         * A day's appointments at the hall (today by default), names and phones masked. `format=csv` answers the
         *     same list as a `text/csv` download (UTF-8 with BOM, for Excel).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Hall date (default: the hall's today) */
                    date?: string;
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffAppointmentList"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/halls/{hall_id}/availability": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        /**
         * The item's slots at the hall, day by day (at most 31 days), with places left and whether each can be
         *     booked now. Days not released yet (放号) say when they will be. Public: computed at most every 2 seconds, and
         *     any cache may keep it 2 seconds more.
         */
        get: {
            parameters: {
                query: {
                    /** @description First hall date (default: the hall's today) */
                    from?: string;
                    /** @description The service item's code */
                    item: string;
                    /** @description Last hall date, at most 31 days from `from` (default: the release horizon) */
                    to?: string;
                };
                header?: never;
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Availability"];
                    };
                };
                /** @description The copy named by `If-None-Match` is still current */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/halls/{hall_id}/board": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        /**
         * The hall's board: now calling, the latest calls and who waits in each line. Public, no personal data,
         *     read from the database (it answers when Redis is down).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Board"];
                    };
                };
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/halls/{hall_id}/board/stream": {
        parameters: {
            query?: never;
            header?: {
                /** @description The last event id received: the stream replays what came after it */
                "Last-Event-ID"?: string;
            };
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        /**
         * The board live (`text/event-stream`, for `EventSource`): a `snapshot` event with the board, then each
         *     `call` (with the announcement text) and `ticket` (a line's waiting count) as it happens. An event's `id`
         *     resumes the stream: the browser sends it back as `Last-Event-ID` when it reconnects. 503
         *     `REDIS_UNAVAILABLE` while Redis is down (the board itself still answers).
         */
        get: {
            parameters: {
                query?: {
                    /** @description For clients that cannot send `Last-Event-ID`; the header wins */
                    last_event_id?: string;
                };
                header?: {
                    /** @description The last event id received: the stream replays what came after it */
                    "Last-Event-ID"?: string;
                };
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Server-sent events: a `snapshot` event first, then `call` and `ticket` events, a keepalive comment every 15 s; the stream ends after 5 minutes (reconnect) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                404: components["responses"]["NOT_FOUND"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/halls/{hall_id}/mini-code": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        /** The WeChat or Alipay mini-program code of the hall's page, scanned inside that app. */
        get: {
            parameters: {
                query: {
                    /** @description wechat or alipay */
                    channel: "wechat" | "alipay";
                };
                header?: never;
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The mini-program code (WeChat draws JPEG) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/jpeg": string;
                        "image/png": string;
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                404: components["responses"]["NOT_FOUND"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/halls/{hall_id}/qr": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        /** A QR code (PNG or SVG) that opens the hall's page in any phone browser. */
        get: {
            parameters: {
                query?: {
                    /** @description png (default) or svg */
                    format?: "png" | "svg";
                };
                header?: never;
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A QR code of the hall's H5 page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/png": string;
                        "image/svg+xml": string;
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/halls/{hall_id}/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hall_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a ticket for an item from your phone while the hall is open (422 `HALL_CLOSED` otherwise); one
         *     active ticket per resident per hall (409 `ALREADY_QUEUED`).
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description A new random value (a UUID) per action; send the same one when you retry it. Kept 24 hours: a retry gets the first answer again (with `Idempotent-Replayed: true`); the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; no key is 400 `IDEMPOTENCY_KEY_REQUIRED`. */
                    "Idempotency-Key": string;
                };
                path: {
                    hall_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PhoneTicketRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published service items; ``q`` matches Chinese, full pinyin and initials ("shbk" finds 社保卡). */
        get: {
            parameters: {
                query?: {
                    audience?: "personal" | "legal_person";
                    /** @description Department code */
                    department?: string;
                    hall?: number;
                    online?: boolean;
                    page?: number;
                    page_size?: number;
                    /** @description 中文, pinyin or initials */
                    q?: string;
                    theme?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ItemPage"];
                    };
                };
                /** @description The copy named by `If-None-Match` is still current */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/items/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        /** The full guide of one item, with its materials and the halls and queues that handle it. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Item"];
                    };
                };
                /** @description The copy named by `If-None-Match` is still current */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/items/{code}/checklist": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        /** The 一次性告知单 of one item: JSON, or a page that prints on A4 (the link a reminder SMS carries). */
        get: {
            parameters: {
                query?: {
                    /** @description json or html (a printable A4 page); without it, the Accept header decides */
                    format?: "json" | "html";
                };
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The checklist: JSON by default; a printable A4 page (text/html) with `format=html`, or when the Accept header prefers text/html to application/json */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Checklist"];
                        "text/html": string;
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kiosk/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A walk-in ticket printed at the kiosk's hall: for an item or a line letter, anonymous or for the resident
         *     whose phone or ID number was entered (then one active ticket per resident, and 70+ is green). `follow_url`
         *     is the page its QR code opens.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description A new random value (a UUID) per action; send the same one when you retry it. Kept 24 hours: a retry gets the first answer again (with `Idempotent-Replayed: true`); the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; no key is 400 `IDEMPOTENCY_KEY_REQUIRED`. */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["KioskTicketRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your profile, personal data masked, with your assurance level; or, with ``acting_for``, your grantor's. */
        get: {
            parameters: {
                query?: {
                    /** @description Read the profile of a relative who granted you a proxy (代办) */
                    acting_for?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Resident"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        /**
         * 注销: delete your account.
         * @description Needs a login in the last 10 minutes (else 401 ``AUTH_FRESH_LOGIN_REQUIRED``) and no application in
         *     progress (409 ``ACCOUNT_HAS_OPEN_CASES``). Your personal data is erased and every session ends at once;
         *     办件, ratings and complaints are kept without it, as the law requires (docs/privacy.md).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Deleted"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsentList"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /** Agree to the current version of a consent text. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConsentRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/consents/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw a consent; face checks are refused from then on (use a hall window instead). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kind: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A copy of everything PalmGov holds about you.
         * @description Your phone, name and ID number in full (PIPL Art. 45). Needs a login in the last 10 minutes (else 401
         *     ``AUTH_FRESH_LOGIN_REQUIRED``); 5 exports an hour; every export is audited (docs/privacy.md).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        "Cache-Control"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Export"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notification-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How we reach you, and what about. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationSettings"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        /** Change any of the settings; the others stay. Login codes and what you must act on are always sent. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NotificationSettingsUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationSettings"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/phone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify a phone (SMS code of purpose ``link_phone``) for an account that logged in without one.
         * @description If the phone already has an account, this login joins it: the answer carries new tokens.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LinkPhoneRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LinkedPhone"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How the mini-program should look for you (适老化 elderly mode), kept with your account. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Preferences"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        /** Turn elderly mode on or off; every device you log in on follows. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PreferencesUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Preferences"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/real-name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bind your name and resident ID number (GB 11643 checked; one ID per account) to reach level L2. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RealNameRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Resident"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The devices logged in as you, most recently used first. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionList"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Log out one device. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    session_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record what you accepted in ``wx.requestSubscribeMessage`` / ``my.requestSubscribeMessage``: each accepted
         *     template is one message we may send you there (SMS otherwise).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SubscriptionRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Credits"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/progress/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        /** 办件进度 behind the link a message carried, without login; the applicant masked. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Progress"];
                    };
                };
                404: components["responses"]["NOT_FOUND"];
                410: components["responses"]["GONE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/progress/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 办件进度 by 办件编号 and the last four digits of the applicant's phone. A wrong number and a wrong phone
         *     both answer 404; tries are limited per client and per number (429).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Lookup"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Progress"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                404: components["responses"]["NOT_FOUND"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/{provider}/face-notify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Provider callback: checked (signature, ±5 min, nonce), then the provider is asked again. Replays are no-ops. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    provider: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CallbackAck"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proxies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Grants you hold or gave, and invitations waiting for you. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProxyGrantList"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /** Invite a relative (by phone) to let you act for them; they accept with a face check. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProxyInvite"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proxies/{grant_id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                grant_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation with a face ticket of purpose ``proxy_accept``. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    grant_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProxyAccept"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProxyGrant"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proxies/{grant_id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                grant_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    grant_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProxyGrant"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proxies/{grant_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                grant_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a grant, from either side; the proxy loses access at once. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    grant_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProxyGrant"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every region, province to street; build the tree from ``parent``. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RegionList"];
                    };
                };
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Submitted applications of the departments in your scope, soonest promised deadline first.
         * @description `total` is counted up to 1000: beyond it the answer says `total_capped` and the pages go on while full.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Open cases whose promised deadline is before this hall date */
                    due_before?: string;
                    page?: number;
                    page_size?: number;
                    status?: "draft" | "received" | "withdrawn" | "accepted" | "not_accepted" | "correction" | "in_process" | "special" | "approved" | "approved_pending" | "refused" | "revoked" | "delivered";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApplicationPage"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/applications/{application_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        /** One application of a department in your scope, with the applicant masked and the steps you may take. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffApplication"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/applications/{application_id}/materials/{file_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
                file_id: number;
            };
            cookie?: never;
        };
        /** An uploaded file of an application in your scope. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                    file_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/applications/{application_id}/reveal": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The answers with phone and ID numbers in full, with a reason. The audit row is committed before anything
         *     is returned; if it cannot be written, nothing is (503 `AUDIT_UNAVAILABLE`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RevealForm"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RevealedForm"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Complaints about the departments and halls in your scope, soonest due first. */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    page_size?: number;
                    status?: "open" | "replied" | "closed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ComplaintPage"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/complaints/{complaint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                complaint_id: number;
            };
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    complaint_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Complaint"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/complaints/{complaint_id}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                complaint_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer the complaint once; the resident is told (`complaint_reply`). 409 `COMPLAINT_STATE` for a second. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    complaint_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReplyRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Complaint"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your account and the roles you hold now. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Staff"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trade the refresh token for new tokens. Each refresh token works once; a replay ends the session. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tokens"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/residents/{resident_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                resident_id: number;
            };
            cookie?: never;
        };
        /** A resident with phone, name and ID number masked. The look is audited. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    resident_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Resident"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/residents/{resident_id}/reveal": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                resident_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The full values of the fields asked for, with a reason. The audit row (who, role, fields, reason)
         *     is committed before anything is returned; if it cannot be written, nothing is (503 ``AUDIT_UNAVAILABLE``).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    resident_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RevealRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reveal"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with username and password, plus the authenticator code for admin roles.
         * @description A wrong password and an unknown username give the same 401. Five failures in a row lock
         *     the account for 15 minutes (429 ``ACCOUNT_LOCKED`` with ``Retry-After``).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StaffLoginRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffLogin"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Log out: this session's access and refresh tokens stop working at once. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tickets, applications and ratings of your scope over hall dates (the last 30 days by default, at most 366),
         *     one row per department, hall, window, item or day. Supervisors, dept_admin and sys_admin; others 403.
         */
        get: {
            parameters: {
                query: {
                    /** @description One row per department, hall, window, item (by code) or hall date */
                    by: "department" | "hall" | "window" | "item" | "day";
                    /** @description First hall date (default: 30 days up to `to`) */
                    from?: string;
                    /** @description Last hall date (default: today), at most 366 days from `from` */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Overview"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/overview.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same report as a `text/csv` download. */
        get: {
            parameters: {
                query: {
                    /** @description One row per department, hall, window, item (by code) or hall date */
                    by: "department" | "hall" | "window" | "item" | "day";
                    /** @description First hall date (default: 30 days up to `to`) */
                    from?: string;
                    /** @description Last hall date (default: today), at most 366 days from `from` */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The same rows as CSV (UTF-8 with BOM, for Excel) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/supervision/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The alerts of the departments and halls in your scope, red cards first, then the newest; filter by
         *     `level`, `state` and `department` (a department code).
         */
        get: {
            parameters: {
                query?: {
                    /** @description A department code */
                    department?: string;
                    level?: "warning" | "yellow" | "red";
                    page?: number;
                    page_size?: number;
                    state?: "open" | "acknowledged" | "resolved" | "appealed" | "upheld";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AlertPage"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/supervision/alerts/{alert_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: number;
            };
            cookie?: never;
        };
        /** One alert with each event (who was to be told in `details.notify`) and the actions that fit now. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alert_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alert"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/supervision/alerts/{alert_id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 签收: you have seen the alert (an optional note). 409 `ALERT_STATE` with the actions allowed. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alert_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AlertAcknowledge"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alert"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/supervision/alerts/{alert_id}/appeal": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 申诉: the department's admin (dept_admin) holds the alert wrong; a supervisor decides. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alert_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AlertAppeal"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alert"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/supervision/alerts/{alert_id}/decide": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 复核: a supervisor upholds the appeal (the alert was wrong: `upheld`, kept in history) or rejects it (the
         *     alert goes back to where it was).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alert_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AlertDecide"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alert"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/supervision/alerts/{alert_id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 办结: what was done about it (the note is required). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alert_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AlertNote"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alert"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your tickets still in play today (waiting, called, serving or held), newest first, at most 20: what the
         *     app shows as your current ticket.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TicketList"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: number;
            };
            cookie?: never;
        };
        /** Your ticket: its state, how many are ahead, and the window once called. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        /** Leave the line (only while waiting: 409 `TICKET_NOT_WAITING` after the call). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}/rejoin": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Missed your call (过号)? Rejoin once within 10 minutes, at the back of the line. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/by-token/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        /**
         * A kiosk ticket followed from its printed QR code, without login (`follow_url`): its state, how many are
         *     ahead, and the window once called. 410 `LINK_EXPIRED` once its hall day is over.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                404: components["responses"]["NOT_FOUND"];
                410: components["responses"]["GONE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The windows of a hall (staff of the hall): today's session and the ticket at each, so a clerk finds
         *     the id of their window.
         */
        get: {
            parameters: {
                query: {
                    hall_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/call-next": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Call the best waiting ticket across the window's lines (`ticket` is null when nobody waits). The list
         *     shows no names; the called ticket's holder is shown masked.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The window is done for the day (calling next opens it again). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WindowSession"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/current": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                window_id: number;
            };
            cookie?: never;
        };
        /**
         * The ticket the window works on now (called, serving, else held), its holder masked as the call showed
         *     them, and the others still at the window, so a console that reloads finds them again; `ticket` is null when
         *     none is.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AtWindow"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/open": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open the window for today, serving the given lines (default: those it is set up for); on an open
         *     window, change its lines. Calling next at a window not opened today opens it this way.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["OpenWindowRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WindowSession"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause calling, with the reason supervisors see; call-next answers 409 `WINDOW_PAUSED` until `resume`. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PauseRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WindowSession"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Calling again after a pause. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WindowSession"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/tickets/{ticket_id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: number;
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The service is over (from `serving`), with its outcome. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket_id: number;
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CompleteRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/tickets/{ticket_id}/hold": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: number;
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The resident fetches papers (from `serving`); `resume` when they are back. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket_id: number;
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/tickets/{ticket_id}/recall": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: number;
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Call the ticket again (from `called`); after two recalls (`QUEUE_MAX_RECALLS`) it is a no-show instead. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket_id: number;
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/tickets/{ticket_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: number;
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Back from fetching papers (from `held`). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket_id: number;
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/tickets/{ticket_id}/skip": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: number;
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The resident did not come (过号, from `called`); they may rejoin once within 10 minutes. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket_id: number;
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/tickets/{ticket_id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: number;
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The resident is at the window: serving starts (from `called`). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket_id: number;
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/tickets/{ticket_id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: number;
                window_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the ticket to another line of the hall (`category`) or to another window (`window`); it waits there
         *     with its original queue time.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket_id: number;
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TransferRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/windows/{window_id}/today": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                window_id: number;
            };
            cookie?: never;
        };
        /**
         * The window's work on the hall's today: tickets called and served, the average service time, 过号, no-shows
         *     and transfers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    window_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WindowToday"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The work orders of the departments (and halls) in your scope, soonest due first. */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    page_size?: number;
                    status?: "open" | "verified" | "rectified" | "explained" | "replied" | "closed" | "appealed" | "appeal_upheld";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkOrderPage"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-orders/{work_order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                work_order_id: number;
            };
            cookie?: never;
        };
        /** One work order: the rating, each step and the steps that fit now. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    work_order_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkOrder"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-orders/{work_order_id}/appeal": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                work_order_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 申诉: the department's admin (dept_admin) holds the rating mistaken or malicious; once, before handling. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    work_order_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Appeal"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkOrder"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-orders/{work_order_id}/decide": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                work_order_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 复核: a supervisor upholds the appeal (the rating leaves the statistics, stays in history) or rejects it
         *     (the work order resumes).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    work_order_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Decide"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkOrder"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-orders/{work_order_id}/explain": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                work_order_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 解释说明: why nothing could be changed (after verifying). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    work_order_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StepText"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkOrder"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-orders/{work_order_id}/rectify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                work_order_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 整改: what was put right (after verifying). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    work_order_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StepText"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkOrder"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-orders/{work_order_id}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                work_order_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 答复: the answer sent to the resident, who is asked to rate the handling (回访). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    work_order_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StepText"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkOrder"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-orders/{work_order_id}/revisit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                work_order_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 回访: rate how your 差评 was handled, once the department replied (3 满意, 2 基本满意, 1 不满意); this closes
         *     the work order.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    work_order_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Revisit"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkOrderBrief"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-orders/{work_order_id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                work_order_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 核实: what the department found. 409 `WORK_ORDER_STATE` with the steps allowed. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    work_order_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StepText"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkOrder"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up (no dependency is checked). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/l/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        /** Follow a short link (the links SMS carry). An expired or revoked link answers 410. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description To the mini-program page inside WeChat or Alipay, else to the H5 page */
                302: {
                    headers: {
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                404: components["responses"]["NOT_FOUND"];
                410: components["responses"]["GONE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The database and Redis answer; 503 ``NOT_READY`` names what is down. ``warnings`` lists what to fix
         *     soon, e.g. ``CALENDAR_NOT_COVERED``: this year or the next is missing from the working-day calendar.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Readiness"];
                    };
                };
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        _HallRef: {
            address: string;
            id: number;
            name: string;
        };
        _ItemRef: {
            code: string;
            name: string;
        };
        Account: {
            /** Format: date-time */
            created_at: string;
            elderly_mode: boolean;
        };
        AdminDevice: {
            /** Format: date-time */
            created_at: string;
            hall_id: number;
            id: number;
            /** @enum {string} */
            kind: "kiosk" | "display" | "evaluator";
            /** Format: date-time */
            last_seen_at?: string | null;
            name: string;
            /** Format: date-time */
            revoked_at?: string | null;
        };
        AdminItem: {
            code: string;
            /** @description The draft */
            item: components["schemas"]["ItemCreate"];
            /** Format: date-time */
            published_at?: string | null;
            /** @description draft (never published), published, or changed (edits not live) */
            status: string;
            /** Format: date-time */
            updated_at: string;
        };
        AdminItemPage: {
            items: components["schemas"]["AdminItemSummary"][];
            page: number;
            page_size: number;
            total: number;
            /** @description True when the list counts only up to a limit and there are more: `total` is then that limit (show it as 1000+), and pages go on while they are full. */
            total_capped: boolean;
        };
        AdminItemSummary: {
            code: string;
            department: string;
            name: string;
            /** Format: date-time */
            published_at?: string | null;
            status: string;
            /** Format: date-time */
            updated_at: string;
        };
        Alert: {
            /** @description The actions that fit now */
            readonly allowed: string[];
            department_id: number | null;
            /** @description Due dates, percent used, minutes waited… */
            details: {
                [key: string]: unknown;
            };
            events: components["schemas"]["AlertEvent"][];
            hall_id: number | null;
            id: number;
            /**
             * @description 预警, 黄牌, 红牌
             * @enum {string}
             */
            level: "warning" | "yellow" | "red";
            note: string | null;
            /** Format: date-time */
            opened_at: string;
            /** @description The rule's track, e.g. application_deadline */
            rule: string;
            /** @enum {string} */
            status: "open" | "acknowledged" | "resolved" | "appealed" | "upheld";
            /** @description For a window: its session of the day */
            subject_id: number;
            /** @enum {string} */
            subject_type: "application" | "ticket" | "window" | "work_order" | "complaint";
            /** Format: date-time */
            updated_at: string;
        };
        AlertAcknowledge: {
            note?: string;
        };
        AlertAppeal: {
            /** @description Why the alert is wrong */
            reason: string;
        };
        AlertDecide: {
            note: string;
            upheld: boolean;
        };
        AlertEvent: {
            action: string;
            /** @description staff | system */
            actor: string;
            actor_id: number | null;
            /** Format: date-time */
            at: string;
            /** @description The rule and who is to be told (notify.roles) */
            details: {
                [key: string]: unknown;
            };
            from_level: string | null;
            from_status: string | null;
            note: string;
            to_level: string;
            to_status: string;
        };
        AlertNote: {
            note: string;
        };
        AlertPage: {
            items: components["schemas"]["AlertSummary"][];
            page: number;
            page_size: number;
            total: number;
            /** @description True when the list counts only up to a limit and there are more: `total` is then that limit (show it as 1000+), and pages go on while they are full. */
            total_capped: boolean;
        };
        AlertSummary: {
            department_id: number | null;
            /** @description Due dates, percent used, minutes waited… */
            details: {
                [key: string]: unknown;
            };
            hall_id: number | null;
            id: number;
            /**
             * @description 预警, 黄牌, 红牌
             * @enum {string}
             */
            level: "warning" | "yellow" | "red";
            note: string | null;
            /** Format: date-time */
            opened_at: string;
            /** @description The rule's track, e.g. application_deadline */
            rule: string;
            /** @enum {string} */
            status: "open" | "acknowledged" | "resolved" | "appealed" | "upheld";
            /** @description For a window: its session of the day */
            subject_id: number;
            /** @enum {string} */
            subject_type: "application" | "ticket" | "window" | "work_order" | "complaint";
            /** Format: date-time */
            updated_at: string;
        };
        Appeal: {
            /** @description Why the rating is mistaken */
            reason: string;
        };
        Application: {
            readonly acting_for: unknown;
            allowed_actions: string[];
            /** @description While in 补正: everything missing */
            correction: string[] | null;
            /** Format: date-time */
            created_at: string;
            deadline: components["schemas"]["Clock"];
            department: string;
            files: components["schemas"]["File"][];
            /** @description Phone and ID numbers masked */
            readonly form: unknown;
            id: number;
            item_code: string;
            item_name: string;
            materials: components["schemas"]["MaterialLine"][];
            /** @description 办件编号, once submitted */
            number: string | null;
            result: {
                [key: string]: unknown;
            };
            status: string;
            /** @description The national 办件 status code (1-15) */
            status_code: number | null;
            /** Format: date-time */
            submitted_at: string | null;
            timeline: components["schemas"]["Event"][];
            /** Format: date-time */
            updated_at: string;
        };
        ApplicationExport: {
            /** Format: date-time */
            concluded_at?: string | null;
            /** Format: date-time */
            created_at: string;
            created_by_id: number;
            files: components["schemas"]["FileExport"][];
            /** @description The answers as given, in full */
            form: {
                [key: string]: unknown;
            };
            id: number;
            item_code: string;
            /** @description 办件编号 */
            number?: string | null;
            status: string;
            /** Format: date-time */
            submitted_at?: string | null;
        };
        ApplicationPage: {
            items: components["schemas"]["ApplicationSummary"][];
            page: number;
            page_size: number;
            total: number;
            /** @description True when the list counts only up to a limit and there are more: `total` is then that limit (show it as 1000+), and pages go on while they are full. */
            total_capped: boolean;
        };
        ApplicationStats: {
            concluded: number;
            /** @description Concluded within the promised time */
            on_time: number;
            /** @description 0-1, 4 decimals; null when the denominator is 0 */
            on_time_rate: number | null;
            submitted: number;
        };
        ApplicationSummary: {
            id: number;
            item_code: string;
            item_name: string;
            number: string | null;
            /** Format: date */
            promised_due: string | null;
            status: string;
            readonly status_code: unknown;
            /** Format: date-time */
            submitted_at: string | null;
            /** Format: date-time */
            updated_at: string;
        };
        Appointment: {
            readonly booked_by_proxy: unknown;
            /** @description The queue category (line) of the slot */
            category: string;
            /**
             * Format: date-time
             * @description Cancel or reschedule until then, ISO 8601 in the hall's timezone, with its offset
             */
            change_until: string;
            /** @description While booked; null otherwise */
            readonly check_in: unknown;
            /** @description The printable checklist */
            readonly checklist_url: unknown;
            readonly conditional_materials: unknown;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO 8601 in the hall's timezone, with its offset
             */
            ends_at: string;
            /** @description Whom it is for (your id, or the relative you booked for) */
            for_resident: number;
            hall: components["schemas"]["_HallRef"];
            id: number;
            item: components["schemas"]["_ItemRef"];
            /** @description What to tell the window, e.g. Y7K3M9Q2 */
            reference: string;
            /** @description What to bring (一次性告知) */
            readonly required_materials: unknown;
            slot_id: number;
            /**
             * Format: date-time
             * @description ISO 8601 in the hall's timezone, with its offset
             */
            starts_at: string;
            /** @description booked | checked_in | cancelled | no_show */
            status: string;
        };
        AppointmentExport: {
            booked_by_id: number;
            /** Format: date-time */
            cancelled_at?: string | null;
            /** Format: date-time */
            checked_in_at?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date */
            day: string;
            hall_name: string;
            item_code: string;
            item_name: string;
            reference: string;
            /** Format: date-time */
            starts_at: string;
            status: string;
        };
        AppointmentList: {
            items: components["schemas"]["AppointmentSummary"][];
            total: number;
        };
        AppointmentSummary: {
            readonly booked_by_proxy: unknown;
            /** @description The queue category (line) of the slot */
            category: string;
            /**
             * Format: date-time
             * @description Cancel or reschedule until then, ISO 8601 in the hall's timezone, with its offset
             */
            change_until: string;
            /** @description While booked; null otherwise */
            readonly check_in: unknown;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO 8601 in the hall's timezone, with its offset
             */
            ends_at: string;
            /** @description Whom it is for (your id, or the relative you booked for) */
            for_resident: number;
            hall: components["schemas"]["_HallRef"];
            id: number;
            item: components["schemas"]["_ItemRef"];
            /** @description What to tell the window, e.g. Y7K3M9Q2 */
            reference: string;
            slot_id: number;
            /**
             * Format: date-time
             * @description ISO 8601 in the hall's timezone, with its offset
             */
            starts_at: string;
            /** @description booked | checked_in | cancelled | no_show */
            status: string;
        };
        AtWindow: {
            /** @description The appointment this ticket was checked in for */
            readonly appointment_id: number | null;
            /** @description The service item the ticket is for, for its materials checklist (`GET /api/v1/items/{code}/checklist`); null for a ticket taken for a line */
            readonly item_code: string | null;
            readonly item_name: string | null;
            readonly name: string | null;
            /** @description Other tickets at the window: one held while its resident fetches papers… */
            others: components["schemas"]["TicketAtWindow"][];
            readonly phone: string | null;
            /** @description The holder, for the audited reveal (`POST /api/v1/staff/residents/{id}/reveal`); null for an anonymous ticket */
            readonly resident_id: number | null;
            /** @description kiosk | phone | appointment (checked in for an appointment) */
            readonly source: string | null;
            ticket: (Record<string, never> | null) | components["schemas"]["Ticket"];
        };
        Availability: {
            /** @description The queue category (line) taking the bookings */
            category: string;
            category_name: string;
            days: components["schemas"]["DayAvailability"][];
            /** Format: date */
            from: string;
            hall_id: number;
            item: string;
            /** Format: date */
            to: string;
        };
        Ban: {
            /** Format: date-time */
            ends_at: string;
            hall_id: number;
            id: number;
            lift_reason: string;
            /** Format: date-time */
            lifted_at: string;
            readonly name: string | null;
            readonly phone: string | null;
            /** @description no_shows | cancellations */
            reason: string;
            resident_id: number;
            /** Format: date-time */
            starts_at: string;
            strikes: number;
        };
        BanLiftRequest: {
            /**
             * @description Why, for the audit log
             * @example 申诉核实：当日因病就医
             */
            reason: string;
        };
        BanList: {
            items: components["schemas"]["Ban"][];
            total: number;
        };
        Board: {
            /**
             * Format: date
             * @description The hall's today
             */
            day: string;
            hall_id: number;
            hall_name: string;
            /** @description Called or being served, latest first (at most 5) */
            now_calling: components["schemas"]["BoardCall"][];
            open_now: boolean;
            /** @description The day's 10 latest calls */
            recent_calls: components["schemas"]["BoardCall"][];
            /** @description Every line */
            waiting: components["schemas"]["BoardLine"][];
        };
        BoardCall: {
            /** @example 请A001号到3号窗口办理 */
            announcement: string;
            /** Format: date-time */
            called_at: string;
            /** @example A */
            category: string;
            /** @example A001 */
            number: string;
            /** @example 3 */
            window: string;
        };
        BoardLine: {
            name: string;
            /** @example A */
            prefix: string;
            /** @description Tickets of this line waiting now */
            waiting: number;
        };
        BookRequest: {
            /** @description Book for a relative who granted you proxy (代办); both are recorded */
            acting_for?: number;
            /** @example 370100-JZZ-001 */
            item_code: string;
            slot_id: number;
        };
        CalendarYear: {
            note: string;
            year: number;
        };
        CallbackAck: {
            received: boolean;
        };
        Called: {
            /** @description The appointment this ticket was checked in for */
            readonly appointment_id: number | null;
            /** @description The service item the ticket is for, for its materials checklist (`GET /api/v1/items/{code}/checklist`); null for a ticket taken for a line */
            readonly item_code: string | null;
            readonly item_name: string | null;
            readonly name: string | null;
            readonly phone: string | null;
            /** @description The holder, for the audited reveal (`POST /api/v1/staff/residents/{id}/reveal`); null for an anonymous ticket */
            readonly resident_id: number | null;
            /** @description kiosk | phone | appointment (checked in for an appointment) */
            readonly source: string | null;
            ticket: (Record<string, never> | null) | components["schemas"]["Ticket"];
        };
        Category: {
            items: string[];
            name: string;
            prefix: string;
        };
        CategoryCreateRequest: {
            /** @description Codes of the service items this line handles */
            items?: string[];
            name: string;
            /** @description One capital letter */
            prefix: string;
        };
        CategoryUpdateRequest: {
            /** @description Codes of the service items this line handles */
            items?: string[];
            name: string;
        };
        CheckInRequest: {
            /** @description The scanned check-in code */
            token: string;
        };
        Checklist: {
            code: string;
            complaint_phone?: string | null;
            conditional_materials: components["schemas"]["ChecklistMaterial"][];
            conditions: string[];
            consult_phone?: string | null;
            department: string;
            fee: components["schemas"]["ChecklistFee"];
            /** Format: date-time */
            generated_at: string;
            handled_at: components["schemas"]["ChecklistPlace"][];
            legal_days: number;
            name: string;
            /** @description immediate or promised */
            processing_type: string;
            /** @description 即办件 or 承诺件 */
            processing_type_label: string;
            promised_days: number;
            /** Format: date-time */
            published_at?: string | null;
            required_materials: components["schemas"]["ChecklistMaterial"][];
            sub_item?: string | null;
            /** @description 办理时限 in words */
            time_limit: string;
            visits: number;
            /** @example 最多跑一次 */
            visits_label: string;
        };
        ChecklistFee: {
            free: boolean;
            /** @description 不收费, or each line with its amount */
            label: string;
            lines: components["schemas"]["ChecklistFeeLine"][];
        };
        ChecklistFeeLine: {
            amount_fen: number;
            /** @example 20.00 元 */
            amount_label: string;
            basis?: string | null;
            name: string;
        };
        ChecklistMaterial: {
            /** @description 情形: when this material is needed */
            condition?: string | null;
            count: number;
            /** @description original, copy or electronic */
            form: string;
            /** @description 原件, 复印件 or 电子件 */
            form_label: string;
            name: string;
            notes?: string | null;
            sample_url?: string | null;
            source?: string | null;
            /** @description Uploaded with an online application */
            upload: boolean;
        };
        ChecklistPlace: {
            address: string;
            /** @description Queue category prefix, e.g. A */
            category: string;
            category_name: string;
            hall: string;
            hall_id: number;
        };
        Clock: {
            /** @description Working days, paused days excluded */
            days_used: number;
            /** Format: date */
            legal_due: string | null;
            legal_left: number | null;
            overdue: boolean;
            /** @description 补正 or 特别程序: the clock stands still */
            paused: boolean;
            paused_days: number;
            percent_used: number | null;
            /** Format: date */
            promised_due: string | null;
            promised_left: number | null;
            /**
             * Format: date
             * @description The count starts after it
             */
            started_on: string | null;
            stopped: boolean;
        };
        Comment: {
            comment?: string;
        };
        Complaint: {
            application_id: number | null;
            category: string;
            /** Format: date-time */
            closed_at: string | null;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date
             * @description The hall-local day the answer is due
             */
            due_on: string;
            id: number;
            /** Format: date-time */
            replied_at: string | null;
            reply: string | null;
            /** @description Your rating of the answer */
            satisfaction: number | null;
            /** @description open | replied | closed */
            status: string;
            text: string;
            ticket_id: number | null;
        };
        ComplaintExport: {
            category: string;
            /** Format: date-time */
            created_at: string;
            id: number;
            /** Format: date-time */
            replied_at?: string | null;
            reply?: string | null;
            satisfaction?: number | null;
            status: string;
            text: string;
        };
        ComplaintPage: {
            items: components["schemas"]["Complaint"][];
            page: number;
            page_size: number;
            total: number;
            /** @description True when the list counts only up to a limit and there are more: `total` is then that limit (show it as 1000+), and pages go on while they are full. */
            total_capped: boolean;
        };
        ComplaintRequest: {
            application_id?: number;
            /**
             * @description attitude 服务态度 | efficiency 办事效率 | guide 办事指南 | platform 平台使用 | other
             * @enum {string}
             */
            category: "attitude" | "efficiency" | "guide" | "platform" | "other";
            department_code?: string;
            text: string;
            /** @description Your ticket it is about (or application_id, or department_code) */
            ticket_id?: number;
        };
        CompleteRequest: {
            /** @description The holder's application (办件) the visit was about: links ticket and case */
            application_id?: number;
            /**
             * @description done (办结) | referred (转办) | incomplete (材料不全, told what is missing)
             * @enum {string}
             */
            outcome: "done" | "referred" | "incomplete";
        };
        Consent: {
            /** Format: date-time */
            granted_at: string;
            kind: string;
            version: string;
        };
        ConsentExport: {
            /** Format: date-time */
            granted_at: string;
            kind: string;
            version: string;
            /** Format: date-time */
            withdrawn_at?: string | null;
        };
        ConsentList: {
            items: components["schemas"]["Consent"][];
            total: number;
        };
        ConsentRequest: {
            /** @enum {string} */
            kind: "face";
            version: string;
        };
        ConsentText: {
            kind: string;
            text_en: string;
            text_zh: string;
            version: string;
        };
        CreateApplication: {
            /** @description Apply for a relative (代办) */
            acting_for?: number;
            /** @description Answers keyed by the item's form field names (see the item's `application_form`) */
            form?: {
                [key: string]: unknown;
            };
            item_code: string;
        };
        CreditExport: {
            channel: string;
            credits: number;
            template: string;
        };
        Credits: {
            channel: string;
            /**
             * @example {
             *       "appointment_reminder": 2
             *     }
             */
            credits: {
                [key: string]: number;
            };
        };
        DayAvailability: {
            /** @description Hall date, YYYY-MM-DD */
            date: string;
            /** @description The day's slots are open for booking (放号) */
            released: boolean;
            /** @description When the day's slots open for booking, ISO 8601 in the hall's timezone, with its offset; null if the line takes none */
            released_at: string | null;
            slots: components["schemas"]["SlotAvailability"][];
        };
        Decide: {
            note: string;
            upheld: boolean;
        };
        Deleted: {
            appointments_cancelled: number;
            /** Format: date-time */
            deleted_at: string;
            drafts_withdrawn: number;
            /** @description Kept without personal data because the law requires it (docs/privacy.md) */
            records_kept: {
                [key: string]: number;
            };
            tickets_cancelled: number;
        };
        Department: {
            code: string;
            name: string;
            phone?: string | null;
            readonly region: unknown;
        };
        DepartmentCreateRequest: {
            code: string;
            name: string;
            phone?: string | null;
            /** @description The region's code */
            region: string;
        };
        DepartmentList: {
            items: components["schemas"]["Department"][];
            total: number;
        };
        DepartmentUpdateRequest: {
            name: string;
            phone?: string | null;
            /** @description The region's code */
            region: string;
        };
        Device: {
            hall_id: number;
            id: number;
            /** @enum {string} */
            kind: "kiosk" | "display" | "evaluator";
            name: string;
        };
        DeviceCreateRequest: {
            hall_id: number;
            /** @enum {string} */
            kind: "kiosk" | "display" | "evaluator";
            name: string;
        };
        DeviceList: {
            items: components["schemas"]["AdminDevice"][];
            page: number;
            page_size: number;
            total: number;
            /** @description True when the list counts only up to a limit and there are more: `total` is then that limit (show it as 1000+), and pages go on while they are full. */
            total_capped: boolean;
        };
        DeviceRate: {
            /** @default  */
            comment: string;
            /** @description Indicator -> level 1-5. Online (an application): overall, efficiency, guide_accuracy, convenience, usability; on site (a ticket): overall, efficiency, service_level, attitude */
            indicators?: {
                [key: string]: number;
            };
            /** @description 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意; 1-2 open a work order */
            level: number;
            tags?: string[];
            ticket_id: number;
        };
        Error: {
            /**
             * @description Stable machine-readable code, e.g. SLOT_FULL
             * @example NOT_FOUND
             */
            code: string;
            /** @description Extra facts, e.g. per-field validation errors */
            details: {
                [key: string]: unknown;
            };
            /** @description Human-readable message (Chinese, English or both per Accept-Language) */
            message: string;
            /** @description Echo of X-Request-ID; quote it to support */
            request_id: string;
        };
        Evaluation: {
            /** @description pending | upheld | rejected */
            appeal: string | null;
            application_id: number | null;
            /** @description Given at the counter on an evaluator device */
            readonly by_device: boolean;
            /** @description Given by a relative acting for the applicant (代办) */
            readonly by_relative: boolean;
            /** @enum {string} */
            channel: "onsite" | "online";
            comment: string;
            /** Format: date-time */
            created_at: string;
            department_id: number | null;
            /** @description An upheld appeal: out of the statistics */
            excluded: boolean;
            hall_id: number | null;
            id: number;
            indicators: {
                [key: string]: number;
            };
            level: number;
            /** @example 满意 */
            readonly level_text: string;
            /** @description Who served */
            staff_id: number | null;
            tags: string[];
            ticket_id: number | null;
            window_id: number | null;
        };
        EvaluationExport: {
            application_id?: number | null;
            channel: string;
            comment: string;
            /** Format: date-time */
            created_at: string;
            id: number;
            indicators: {
                [key: string]: number;
            };
            level: number;
            tags: string[];
            ticket_id?: number | null;
        };
        EvaluationPage: {
            items: components["schemas"]["MyEvaluation"][];
            page: number;
            page_size: number;
            total: number;
            /** @description True when the list counts only up to a limit and there are more: `total` is then that limit (show it as 1000+), and pages go on while they are full. */
            total_capped: boolean;
        };
        Event: {
            action: string;
            /** @description resident | staff */
            actor: string;
            /** Format: date-time */
            at: string;
            /** @description National code of the step */
            code: number | null;
            comment: string;
            /** @description reason, items, legal_basis, materials, method */
            details: {
                [key: string]: unknown;
            };
            from_status: string;
            to_status: string;
        };
        Export: {
            account: components["schemas"]["Account"];
            applications: components["schemas"]["ApplicationExport"][];
            appointments: components["schemas"]["AppointmentExport"][];
            complaints: components["schemas"]["ComplaintExport"][];
            consents: components["schemas"]["ConsentExport"][];
            evaluations: components["schemas"]["EvaluationExport"][];
            /** Format: date-time */
            exported_at: string;
            face_checks: components["schemas"]["FaceCheckExport"][];
            identities: components["schemas"]["IdentityExport"][];
            notifications: components["schemas"]["NotificationExport"][];
            profile: components["schemas"]["OwnProfile"];
            proxies: components["schemas"]["ProxyExport"][];
            sessions: components["schemas"]["SessionExport"][];
            subscription_credits: components["schemas"]["CreditExport"][];
            tickets: components["schemas"]["TicketExport"][];
        };
        FaceCheckExport: {
            /** Format: date-time */
            completed_at?: string | null;
            /** Format: date-time */
            created_at: string;
            id: string;
            provider: string;
            purpose: string;
            score?: number | null;
            status: string;
        };
        FaceCompleted: {
            /** @description Single-use proof for one action; given once */
            face_ticket?: string | null;
            id: string;
            purpose: string;
            /** @description pending, passed, failed, cancelled or expired */
            status: string;
            /** Format: date-time */
            ticket_expires_at?: string | null;
        };
        FaceResult: {
            /** @enum {string} */
            result: "passed" | "failed";
        };
        FaceStarted: {
            /** @description What the mini-program passes to the SDK */
            client_payload: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            expires_at: string;
            id: string;
            provider: string;
            purpose: string;
        };
        FaceStartRequest: {
            /** @enum {string} */
            purpose: "proxy_accept" | "account";
        };
        FeeBody: {
            /** @description true: 不收费 (then no lines) */
            free: boolean;
            lines: components["schemas"]["FeeLineBody"][];
        };
        FeeLineBody: {
            /** @description In fen (分): 100 is ¥1.00 */
            amount_fen: number;
            /** @description The legal basis for charging */
            basis: string;
            name: string;
        };
        File: {
            filename: string;
            id: number;
            material: string;
            media_type: string;
            size: number;
            /** Format: date-time */
            uploaded_at: string;
        };
        FileExport: {
            filename: string;
            id: number;
            material: string;
            media_type: string;
            /** Format: date-time */
            removed_at?: string | null;
            sha256: string;
            size: number;
            /** Format: date-time */
            uploaded_at: string;
        };
        Grant: {
            /** @enum {string} */
            role: "window_staff" | "dept_admin" | "supervisor" | "sys_admin";
            /** @description The region, department or hall id; empty (null or absent) for the scope 'all' */
            scope_id?: number | null;
            /** @enum {string} */
            scope_kind: "all" | "region" | "department" | "hall";
        };
        Hall: {
            address: string;
            code: string;
            /** @description Metres from `near`, when given */
            distance_m?: number | null;
            id: number;
            latitude?: number | null;
            longitude?: number | null;
            name: string;
            open_now: boolean;
            phone?: string | null;
            readonly region?: unknown;
            timezone: string;
            /**
             * Format: date
             * @description The hall's date, in its timezone
             */
            today: string;
            /**
             * @example [
             *       [
             *         "09:00",
             *         "12:00"
             *       ]
             *     ]
             */
            today_hours: string[][];
        };
        HallCreateRequest: {
            address: string;
            closed_days?: string[];
            code: string;
            /** @description Opening spans per weekday; a day left out is closed */
            hours?: components["schemas"]["WeeklyHours"];
            /** @description With longitude */
            latitude?: number | null;
            longitude?: number | null;
            name: string;
            phone?: string | null;
            /** @description The region's code */
            region: string;
            /** @description Days with their own hours (before closures and holidays) */
            special_days?: components["schemas"]["SpecialDayRequest"][];
            /** @description IANA name; Asia/Shanghai when absent */
            timezone?: string;
        };
        HallDetail: {
            address: string;
            categories?: components["schemas"]["Category"][];
            closed_days?: string[];
            code: string;
            /** @description Metres from `near`, when given */
            distance_m?: number | null;
            /** @description Weekly hours: mon…sun -> [[open, close]] */
            hours?: {
                [key: string]: unknown;
            };
            id: number;
            latitude?: number | null;
            longitude?: number | null;
            name: string;
            open_now: boolean;
            phone?: string | null;
            readonly region?: unknown;
            special_days?: {
                [key: string]: unknown;
            }[];
            timezone: string;
            /**
             * Format: date
             * @description The hall's date, in its timezone
             */
            today: string;
            /**
             * @example [
             *       [
             *         "09:00",
             *         "12:00"
             *       ]
             *     ]
             */
            today_hours: string[][];
            windows?: components["schemas"]["Window"][];
        };
        HallList: {
            items: components["schemas"]["Hall"][];
            total: number;
        };
        HallUpdateRequest: {
            address: string;
            closed_days?: string[];
            /** @description Opening spans per weekday; a day left out is closed */
            hours?: components["schemas"]["WeeklyHours"];
            /** @description With longitude */
            latitude?: number | null;
            longitude?: number | null;
            name: string;
            phone?: string | null;
            /** @description The region's code */
            region: string;
            /** @description Days with their own hours (before closures and holidays) */
            special_days?: components["schemas"]["SpecialDayRequest"][];
            /** @description IANA name; Asia/Shanghai when absent */
            timezone?: string;
        };
        HallWindows: {
            items: components["schemas"]["WindowAtWork"][];
        };
        HandledAt: {
            /** @description Queue category prefix, e.g. A */
            category: string;
            category_name: string;
            hall: string;
            hall_id: number;
        };
        Health: {
            /** @example ok */
            status: string;
        };
        Holiday: {
            /** Format: date */
            date: string;
            note: string;
            /** @description true: a working day (e.g. a make-up Saturday, 调休); false: a day off */
            working: boolean;
        };
        HolidayList: {
            /**
             * @description How `year` is covered: by chinese-calendar, by this table, or not at all (deadlines in it cannot be computed)
             * @enum {string|null}
             */
            coverage?: "package" | "table" | "none" | null;
            /** @description Years this table covers in full */
            covered_years: components["schemas"]["CalendarYear"][];
            items: components["schemas"]["Holiday"][];
            /**
             * @description The years the installed chinese-calendar knows
             * @example {
             *       "first": 2004,
             *       "last": 2026
             *     }
             */
            readonly package_years: unknown;
            readonly total: unknown;
            /** @description The year asked for, if any */
            year?: number | null;
        };
        HolidayRequest: {
            /**
             * @default
             * @example 春节
             */
            note: string;
            /** @description true: a working day (e.g. a make-up Saturday, 调休); false: a day off */
            working: boolean;
        };
        IdentityExport: {
            /** Format: date-time */
            created_at: string;
            provider: string;
            /** @description The WeChat/Alipay user id, masked */
            readonly subject?: string | null;
        };
        Inbox: {
            items: components["schemas"]["SmsMessage"][];
        };
        InboxRequest: {
            /** @example 13800138000 */
            phone: string;
        };
        Item: {
            /** @description What an online application asks (empty: no form) */
            application_form: {
                [key: string]: unknown;
            }[];
            appointment: boolean;
            assurance_level: number;
            audience: string;
            code: string;
            complaint_phone?: string | null;
            conditions: string[];
            consult_phone?: string | null;
            department: string;
            department_code: string;
            faq: {
                [key: string]: unknown;
            }[];
            /**
             * @example {
             *       "free": true,
             *       "lines": []
             *     }
             */
            fee: {
                [key: string]: unknown;
            };
            handled_at: components["schemas"]["HandledAt"][];
            keywords: string[];
            legal_basis: string;
            legal_days: number;
            materials: components["schemas"]["Material"][];
            name: string;
            online: boolean;
            /** @description immediate (即办件) or promised (承诺件) */
            processing_type: string;
            promised_days: number;
            /** Format: date-time */
            published_at?: string | null;
            special_procedures: {
                [key: string]: unknown;
            }[];
            steps: {
                [key: string]: unknown;
            }[];
            sub_item?: string | null;
            themes: string[];
            /** @description 0 fully online, 1 最多跑一次, 2 */
            visits: number;
        };
        ItemCreate: {
            /** @description The online application's fields: see docs/catalog.md#application-forms */
            application_form?: {
                [key: string]: unknown;
            }[];
            appointment?: boolean;
            assurance_level?: number;
            /** @enum {string} */
            audience: "personal" | "legal_person";
            /** @description 事项编码, unique */
            code: string;
            complaint_phone?: string | null;
            conditions?: string[];
            consult_phone?: string | null;
            /** @description Department code */
            department: string;
            faq?: components["schemas"]["QuestionBody"][];
            fee: components["schemas"]["FeeBody"];
            /** @description Synonyms residents search by */
            keywords?: string[];
            legal_basis?: string;
            /** @description Working days; 0 when none is set by law */
            legal_days?: number;
            materials: components["schemas"]["MaterialBody"][];
            name: string;
            online?: boolean;
            /** @enum {string} */
            processing_type: "immediate" | "promised";
            /** @description Working days; 0 for 即办件 */
            promised_days?: number;
            special_procedures?: components["schemas"]["SpecialProcedureBody"][];
            steps?: components["schemas"]["StepBody"][];
            sub_item?: string | null;
            themes?: string[];
            /** @description 0 全程网办, 1 最多跑一次, 2 */
            visits?: number;
        };
        ItemPage: {
            items: components["schemas"]["ItemSummary"][];
            page: number;
            page_size: number;
            total: number;
            /** @description True when the list counts only up to a limit and there are more: `total` is then that limit (show it as 1000+), and pages go on while they are full. */
            total_capped: boolean;
        };
        ItemSummary: {
            appointment: boolean;
            assurance_level: number;
            audience: string;
            code: string;
            department: string;
            name: string;
            online: boolean;
            /** @description immediate (即办件) or promised (承诺件) */
            processing_type: string;
            promised_days: number;
            sub_item?: string | null;
            themes: string[];
            /** @description 0 fully online, 1 最多跑一次, 2 */
            visits: number;
        };
        ItemUpdate: {
            /** @description The online application's fields: see docs/catalog.md#application-forms */
            application_form?: {
                [key: string]: unknown;
            }[];
            appointment?: boolean;
            assurance_level?: number;
            /** @enum {string} */
            audience: "personal" | "legal_person";
            complaint_phone?: string | null;
            conditions?: string[];
            consult_phone?: string | null;
            /** @description Department code */
            department: string;
            faq?: components["schemas"]["QuestionBody"][];
            fee: components["schemas"]["FeeBody"];
            /** @description Synonyms residents search by */
            keywords?: string[];
            legal_basis?: string;
            /** @description Working days; 0 when none is set by law */
            legal_days?: number;
            materials: components["schemas"]["MaterialBody"][];
            name: string;
            online?: boolean;
            /** @enum {string} */
            processing_type: "immediate" | "promised";
            /** @description Working days; 0 for 即办件 */
            promised_days?: number;
            special_procedures?: components["schemas"]["SpecialProcedureBody"][];
            steps?: components["schemas"]["StepBody"][];
            sub_item?: string | null;
            themes?: string[];
            /** @description 0 全程网办, 1 最多跑一次, 2 */
            visits?: number;
        };
        KioskTicket: {
            /** @description Tickets of the line before yours; null once called */
            ahead: number | null;
            category: string;
            category_name: string;
            /** Format: date */
            day: string;
            /** @description The H5 ticket page with a token (`?t=`): follows the ticket on a phone without login, until the hall day ends */
            follow_url: string;
            hall_id: number;
            id: number;
            /** @example A017 */
            number: string;
            /** @description appointment | green | normal */
            priority: string;
            /** Format: date-time */
            queued_at: string;
            /** @description waiting | called | serving | held | skipped | done | no_show | cancelled */
            status: string;
            /** @description Estimated wait while waiting */
            wait: components["schemas"]["Wait"] | (Record<string, never> | null);
            /** @description Go to this window once called; while waiting, the window it was transferred to */
            window: string | null;
        };
        KioskTicketRequest: {
            /**
             * @description 绿色通道 (disability, pregnancy); 70+ is automatic
             * @default false
             */
            green: boolean;
            /** @description Entered, or read from the ID card */
            id_number?: string;
            /** @description The item chosen, or: */
            item_code?: string;
            /** @example 13800138000 */
            phone?: string;
            /** @description the line's letter, for an anonymous ticket */
            prefix?: string;
        };
        LinkedPhone: {
            resident: components["schemas"]["Resident"];
            /** @description Set when the phone already had an account: use these tokens from now on */
            tokens?: components["schemas"]["Tokens"] | (Record<string, never> | null);
        };
        LinkPhoneRequest: {
            /** @example 123456 */
            code: string;
            /** @example 13800138000 */
            phone: string;
        };
        Login: {
            access_token: string;
            /** Format: date-time */
            expires_at: string;
            /** @description Seconds the access token lives */
            expires_in: number;
            /** Format: date-time */
            refresh_expires_at: string;
            refresh_token: string;
            resident: components["schemas"]["Resident"];
            /** @example Bearer */
            token_type: string;
        };
        Lookup: {
            /** @description 办件编号 */
            number: string;
            /** @description 申请人手机号后四位 */
            phone_last4: string;
        };
        Material: {
            /** @description 情形: when this material is needed */
            condition?: string | null;
            count: number;
            /** @description original, copy or electronic */
            form: string;
            name: string;
            notes?: string | null;
            required: boolean;
            sample_url?: string | null;
            source?: string | null;
            /** @description Uploaded with an online application */
            upload: boolean;
        };
        MaterialBody: {
            /** @description 情形: required when not `required` */
            condition?: string | null;
            /** @default 1 */
            count: number;
            /** @enum {string} */
            form: "original" | "copy" | "electronic";
            name: string;
            notes?: string | null;
            /** @default true */
            required: boolean;
            /** @description https:// or a path: a blank form or sample */
            sample_url?: string | null;
            /** @description Who issues it */
            source?: string | null;
            /**
             * @description Uploaded with an online application
             * @default false
             */
            upload: boolean;
        };
        MaterialLine: {
            files: number;
            name: string;
            required: boolean;
            upload: boolean;
        };
        MaterialUpload: {
            /** @description The checklist line's name (one whose `upload` is true) */
            material: string;
        };
        MyEvaluation: {
            /** @description pending | upheld | rejected */
            appeal: string | null;
            application_id: number | null;
            /** @description Given at the counter on an evaluator device */
            readonly by_device: boolean;
            /** @description Given by a relative acting for the applicant (代办) */
            readonly by_relative: boolean;
            /** @enum {string} */
            channel: "onsite" | "online";
            comment: string;
            /** Format: date-time */
            created_at: string;
            department_id: number | null;
            /** @description An upheld appeal: out of the statistics */
            excluded: boolean;
            hall_id: number | null;
            id: number;
            indicators: {
                [key: string]: number;
            };
            level: number;
            /** @example 满意 */
            readonly level_text: string;
            /** @description Who served */
            staff_id: number | null;
            tags: string[];
            ticket_id: number | null;
            window_id: number | null;
            work_order: (Record<string, never> | null) | components["schemas"]["WorkOrderBrief"];
        };
        NotificationExport: {
            channel?: string | null;
            /** Format: date-time */
            created_at: string;
            data: {
                [key: string]: unknown;
            };
            id: number;
            /** Format: date-time */
            sent_at?: string | null;
            status: string;
            template: string;
        };
        NotificationSettings: {
            /**
             * @description auto: a WeChat/Alipay message when you granted one, else SMS; sms: SMS only
             * @enum {string}
             */
            channel: "auto" | "sms";
            /** @description Application progress (办件进度) */
            progress: boolean;
            /** @description Appointment and queue reminders */
            reminders: boolean;
        };
        NotificationSettingsUpdate: {
            /** @enum {string} */
            channel?: "auto" | "sms";
            progress?: boolean;
            reminders?: boolean;
        };
        OpenWindowRequest: {
            /** @description The lines served today, by letter (default: those the window is set up for) */
            categories?: string[];
        };
        Outbox: {
            items: components["schemas"]["OutboxEntry"][];
        };
        OutboxEntry: {
            /** Format: date-time */
            at: string;
            channel?: string | null;
            /** @description outbox (a notification) or sandbox (what a sandbox provider sent) */
            source: string;
            status?: string | null;
            template: string;
            /** @description The message as the resident reads it */
            text: string;
        };
        OutcomeCounts: {
            /** @description 办结 */
            done: number;
            /** @description 材料不全 */
            incomplete: number;
            /** @description 转办 */
            referred: number;
        };
        Overview: {
            by: string;
            /** Format: date */
            from: string;
            rows: components["schemas"]["StatsRow"][];
            /** Format: date */
            to: string;
        };
        OwnProfile: {
            assurance_level: number;
            elderly_mode: boolean;
            id: number;
            id_number?: string | null;
            name?: string | null;
            /** @description In full: the resident's own data */
            phone?: string | null;
            /** Format: date-time */
            real_name_at?: string | null;
        };
        PaginationMetadata: {
            /** @description First available page number. */
            first_page?: number;
            /** @description Last available page number. */
            last_page?: number;
            /** @description Next page number. */
            next_page?: number;
            /** @description Current page number. */
            page?: number;
            /** @description Previous page number. */
            previous_page?: number;
            /** @description Total number of items. */
            total?: number;
            /** @description Total number of pages. */
            total_pages?: number;
        };
        PauseRequest: {
            /**
             * @description Why, for supervisors
             * @example 系统故障，等待恢复
             */
            reason: string;
        };
        PhoneTicketRequest: {
            /** @description For a relative (代办) */
            acting_for?: number;
            item_code: string;
        };
        Preferences: {
            /** @description 适老化: the mini-program shows its elderly-friendly mode */
            elderly_mode: boolean;
        };
        PreferencesUpdate: {
            elderly_mode: boolean;
        };
        Progress: {
            readonly applicant: string | null;
            deadline: components["schemas"]["Clock"];
            department: string;
            item_name: string;
            number: string;
            status: string;
            status_code: number | null;
            /** Format: date-time */
            submitted_at: string;
            timeline: components["schemas"]["PublicEvent"][];
        };
        ProxyAccept: {
            face_ticket: string;
        };
        ProxyExport: {
            /** Format: date-time */
            accepted_at?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            ended_at?: string | null;
            grantee_id: number;
            grantor_id?: number | null;
            id: number;
            relation: string;
            status: string;
        };
        ProxyGrant: {
            /** Format: date-time */
            accepted_at?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            ended_at?: string | null;
            id: number;
            /** Format: date-time */
            invitation_expires_at: string;
            /** @description grantee (acts) or grantor (is acted for) */
            my_role: string;
            /** @description The other person, masked */
            other?: components["schemas"]["ProxyParty"] | (Record<string, never> | null);
            relation: string;
            /** @description pending, active, declined or revoked */
            status: string;
        };
        ProxyGrantList: {
            items: components["schemas"]["ProxyGrant"][];
            total: number;
        };
        ProxyInvite: {
            /** @example 13800138000 */
            grantor_phone: string;
            /** @enum {string} */
            relation: "parent" | "child" | "spouse" | "sibling" | "grandparent" | "grandchild" | "other";
        };
        ProxyParty: {
            /** @description Pass as acting_for to act for this person */
            id: number;
            readonly name?: string | null;
            readonly phone?: string | null;
        };
        PublicEvent: {
            action: string;
            /** Format: date-time */
            at: string;
            code: number | null;
            to_status: string;
        };
        QuestionBody: {
            a: string;
            q: string;
        };
        Rate: {
            /** @description An application (一事一评) */
            application_id?: number;
            /** @default  */
            comment: string;
            /** @description Indicator -> level 1-5. Online (an application): overall, efficiency, guide_accuracy, convenience, usability; on site (a ticket): overall, efficiency, service_level, attitude */
            indicators?: {
                [key: string]: number;
            };
            /** @description 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意; 1-2 open a work order */
            level: number;
            tags?: string[];
            /** @description A hall visit (一次一评) */
            ticket_id?: number;
        };
        RatingRequest: {
            /**
             * @description 3 满意, 2 基本满意, 1 不满意
             * @enum {integer}
             */
            level: 1 | 2 | 3;
        };
        RatingStats: {
            /** @description Levels 1-2 (差评) */
            bad: number;
            /** @description 差评 whose work order is closed */
            bad_closed: number;
            /** @description 0-1, 4 decimals; null when the denominator is 0 */
            bad_closure_rate: number | null;
            /** @description Ratings, upheld appeals excluded */
            count: number;
            /** @description 0-1, 4 decimals; null when the denominator is 0 */
            satisfaction_rate: number | null;
            /** @description Levels 3-5 (基本满意 and better) */
            satisfied: number;
        };
        Readiness: {
            /**
             * @example {
             *       "database": "ok",
             *       "redis": "ok"
             *     }
             */
            checks: {
                [key: string]: string;
            };
            /** @example ok */
            status: string;
            /** @description Things to fix soon; the instance is still ready. Empty when there are none */
            warnings: components["schemas"]["ReadinessWarning"][];
        };
        ReadinessWarning: {
            /** @example CALENDAR_NOT_COVERED */
            code: string;
            /** @description What to do about it */
            readonly message: string;
            /** @description The year concerned, for calendar warnings */
            year?: number | null;
        };
        RealNameRequest: {
            /**
             * @description GB 11643; a trailing x is stored as X
             * @example 11010519491231002X
             */
            id_number: string;
            /** @example 张三 */
            name: string;
        };
        Region: {
            code: string;
            /** @description province, city, district or street */
            level: string;
            name: string;
            readonly parent?: unknown;
        };
        RegionCreateRequest: {
            /** @description 行政区划代码 */
            code: string;
            /** @enum {string} */
            level: "province" | "city" | "district" | "street";
            name: string;
            /** @description The parent region's code; null for a root region (scope `all` only) */
            parent?: string | null;
        };
        RegionList: {
            items: components["schemas"]["Region"][];
            total: number;
        };
        RegionUpdateRequest: {
            /** @enum {string} */
            level: "province" | "city" | "district" | "street";
            name: string;
            /** @description The parent region's code; null for a root region (scope `all` only) */
            parent?: string | null;
        };
        RegisteredDevice: {
            /** Format: date-time */
            created_at: string;
            hall_id: number;
            id: number;
            /** @enum {string} */
            kind: "kiosk" | "display" | "evaluator";
            /** Format: date-time */
            last_seen_at?: string | null;
            name: string;
            /** Format: date-time */
            revoked_at?: string | null;
            /** @description Send as pgd_… in X-Device-Token; shown this once */
            token: string;
        };
        ReplyRequest: {
            text: string;
        };
        RescheduleRequest: {
            slot_id: number;
        };
        Resident: {
            /** @description 0 none, 1 phone, 2 real name, 3 face */
            assurance_level: number;
            /** @description 适老化 preference, see /me/preferences */
            elderly_mode: boolean;
            id: number;
            /** @example 110***********1234 */
            readonly id_number?: string | null;
            /** @example 张* */
            readonly name?: string | null;
            /** @example 138****8000 */
            readonly phone?: string | null;
            /** Format: date-time */
            real_name_at?: string | null;
        };
        Reveal: {
            id_number?: string | null;
            name?: string | null;
            phone?: string | null;
            resident_id: number;
        };
        RevealedForm: {
            /** @description The answers, nothing masked */
            form: {
                [key: string]: unknown;
            };
        };
        RevealForm: {
            /**
             * @description Why you need the full answers; kept in the audit log
             * @example 核验子女身份信息
             */
            reason: string;
        };
        RevealRequest: {
            fields: ("phone" | "name" | "id_number")[];
            /**
             * @description Why you need the full values; kept in the audit log
             * @example 窗口核验本人身份
             */
            reason: string;
        };
        Revisit: {
            /** @description The handling: 3 满意, 2 基本满意, 1 不满意 */
            level: number;
        };
        RolesRequest: {
            /** @description The complete new set of roles; an empty list removes them all */
            roles: components["schemas"]["Grant"][];
        };
        Schedule: {
            cancel_minutes_before: number;
            capacity: number | null;
            readonly category: unknown;
            close_minutes_before: number;
            days_ahead: number;
            hall_id: number;
            release_time: string;
            /** Format: date-time */
            updated_at: string;
            walk_in_minutes_before: number;
            window_minutes: number;
        };
        ScheduleRequest: {
            /** @default 120 */
            cancel_minutes_before: number;
            /** @description Bookings per window; null: as many as windows serve the line */
            capacity?: number | null;
            /** @default 60 */
            close_minutes_before: number;
            /** @default 7 */
            days_ahead: number;
            /** @default 08:00 */
            release_time: string;
            /** @default 30 */
            walk_in_minutes_before: number;
            /** @default 30 */
            window_minutes: number;
        };
        Session: {
            client: string;
            /** Format: date-time */
            created_at: string;
            current: boolean;
            /** Format: date-time */
            expires_at: string;
            id: string;
            ip: string;
            /** Format: date-time */
            last_used_at: string;
            method: string;
        };
        SessionExport: {
            client: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string;
            id: string;
            ip: string;
            /** Format: date-time */
            last_used_at: string;
            method: string;
            revoke_reason?: string | null;
            /** Format: date-time */
            revoked_at?: string | null;
        };
        SessionList: {
            items: components["schemas"]["Session"][];
            total: number;
        };
        SlotAdjustRequest: {
            capacity?: number;
            /** @description true closes the slot to new bookings; existing ones stand */
            closed?: boolean;
            /**
             * @description Why, for the audit log
             * @example 窗口设备检修，下午减少号源
             */
            reason: string;
        };
        SlotAvailability: {
            /** @description Open for booking now: released, not closed or full, not closing within the hour */
            bookable: boolean;
            capacity: number;
            /** @description ISO 8601 in the hall's timezone, with its offset */
            ends_at: string;
            id: number;
            /** @description Places left; 0 when the slot is closed */
            remaining: number;
            /** @description ISO 8601 in the hall's timezone, with its offset */
            starts_at: string;
        };
        SmsCodeRequest: {
            /** @example 13800138000 */
            phone: string;
            /**
             * @default login
             * @enum {string}
             */
            purpose: "login" | "link_phone";
        };
        SmsMessage: {
            params: {
                [key: string]: string;
            };
            sent_at: number;
            template: string;
        };
        SpecialDayRequest: {
            /** Format: date */
            date: string;
            /**
             * @example [
             *       [
             *         "09:00",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:00"
             *       ]
             *     ]
             */
            hours?: string[][];
            note?: string;
        };
        SpecialProcedureBody: {
            basis?: string;
            /** @description 计入办理时限 */
            counts_toward_limit: boolean;
            /** @description Working days */
            days: number;
            name: string;
        };
        Staff: {
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            disabled_at?: string | null;
            display_name: string;
            id: number;
            roles: components["schemas"]["Grant"][];
            totp_enrolled: boolean;
            username: string;
        };
        StaffApplication: {
            readonly acting_for: unknown;
            allowed_actions: string[];
            readonly applicant_name: string | null;
            readonly applicant_phone: string | null;
            /** @description While in 补正: everything missing */
            correction: string[] | null;
            /** Format: date-time */
            created_at: string;
            deadline: components["schemas"]["Clock"];
            department: string;
            files: components["schemas"]["File"][];
            /** @description Phone and ID numbers masked */
            readonly form: unknown;
            id: number;
            item_code: string;
            item_name: string;
            materials: components["schemas"]["MaterialLine"][];
            /** @description 办件编号, once submitted */
            number: string | null;
            result: {
                [key: string]: unknown;
            };
            status: string;
            /** @description The national 办件 status code (1-15) */
            status_code: number | null;
            /** Format: date-time */
            submitted_at: string | null;
            timeline: components["schemas"]["Event"][];
            /** Format: date-time */
            updated_at: string;
        };
        StaffAppointment: {
            by_proxy: boolean;
            category: string;
            /** Format: date-time */
            checked_in_at: string;
            /**
             * Format: date-time
             * @description ISO 8601 in the hall's timezone, with its offset
             */
            ends_at: string;
            id: number;
            item_code: string;
            item_name: string;
            readonly name: string | null;
            readonly phone: string | null;
            reference: string;
            /**
             * Format: date-time
             * @description ISO 8601 in the hall's timezone, with its offset
             */
            starts_at: string;
            status: string;
        };
        StaffAppointmentList: {
            items: components["schemas"]["StaffAppointment"][];
            total: number;
        };
        StaffCreateRequest: {
            display_name: string;
            /** Format: password */
            password: string;
            /** @example li.wei */
            username: string;
        };
        StaffList: {
            items: components["schemas"]["Staff"][];
            page: number;
            page_size: number;
            total: number;
            /** @description True when the list counts only up to a limit and there are more: `total` is then that limit (show it as 1000+), and pages go on while they are full. */
            total_capped: boolean;
        };
        StaffLogin: {
            access_token: string;
            /** Format: date-time */
            expires_at: string;
            /** @description Seconds the access token lives */
            expires_in: number;
            /** Format: date-time */
            refresh_expires_at: string;
            refresh_token: string;
            staff: components["schemas"]["Staff"];
            /** @example Bearer */
            token_type: string;
        };
        StaffLoginRequest: {
            /** Format: password */
            password: string;
            /** @description The current code of the authenticator app; needed for dept_admin and sys_admin */
            totp?: string;
            /** @example admin */
            username: string;
        };
        StaffSlot: {
            booked: number;
            capacity: number;
            category: string;
            closed: boolean;
            /** Format: date */
            day: string;
            /**
             * Format: date-time
             * @description ISO 8601 in the hall's timezone, with its offset
             */
            ends_at: string;
            id: number;
            remaining: number;
            /**
             * Format: date-time
             * @description ISO 8601 in the hall's timezone, with its offset
             */
            starts_at: string;
        };
        StaffSlotList: {
            items: components["schemas"]["StaffSlot"][];
            total: number;
        };
        StatsRow: {
            /** @description null by hall or window */
            applications: components["schemas"]["ApplicationStats"] | (Record<string, never> | null);
            /** @description The id, item code or hall date grouped by */
            key: string;
            label: string;
            ratings: components["schemas"]["RatingStats"];
            tickets: components["schemas"]["TicketStats"];
        };
        StepBody: {
            description?: string;
            name: string;
        };
        StepText: {
            text: string;
        };
        SubscriptionRequest: {
            /** @enum {string} */
            channel: "wechat" | "alipay";
            /** @description The template ids the resident accepted in wx/my.requestSubscribeMessage */
            template_ids: string[];
        };
        Ticket: {
            /** @description Tickets of the line before yours; null once called */
            ahead: number | null;
            category: string;
            category_name: string;
            /** Format: date */
            day: string;
            hall_id: number;
            id: number;
            /** @example A017 */
            number: string;
            /** @description appointment | green | normal */
            priority: string;
            /** Format: date-time */
            queued_at: string;
            /** @description waiting | called | serving | held | skipped | done | no_show | cancelled */
            status: string;
            /** @description Estimated wait while waiting */
            wait: components["schemas"]["Wait"] | (Record<string, never> | null);
            /** @description Go to this window once called; while waiting, the window it was transferred to */
            window: string | null;
        };
        TicketAtWindow: {
            id: number;
            /** @example A017 */
            number: string;
            /** @description called | serving | held */
            status: string;
        };
        TicketExport: {
            /** Format: date-time */
            called_at?: string | null;
            /** Format: date */
            day: string;
            /** Format: date-time */
            finished_at?: string | null;
            hall_id: number;
            id: number;
            label: string;
            /** Format: date-time */
            queued_at: string;
            source: string;
            status: string;
        };
        TicketList: {
            items: components["schemas"]["Ticket"][];
            total: number;
        };
        TicketStats: {
            /** @description Minutes, 2 decimals; null when no ticket counts */
            avg_service_minutes: number | null;
            /** @description Minutes, 2 decimals; null when no ticket counts */
            avg_wait_minutes: number | null;
            issued: number;
            no_show: number;
            /** @description Minutes, 2 decimals; null when no ticket counts */
            p90_wait_minutes: number | null;
            /** @description Finished at a window (done) */
            served: number;
        };
        Tokens: {
            access_token: string;
            /** Format: date-time */
            expires_at: string;
            /** @description Seconds the access token lives */
            expires_in: number;
            /** Format: date-time */
            refresh_expires_at: string;
            refresh_token: string;
            /** @example Bearer */
            token_type: string;
        };
        TotpEnrolment: {
            /**
             * @description Scan into the authenticator app; shown this once
             * @example otpauth://totp/…
             */
            otpauth_uri: string;
        };
        TransferRequest: {
            /** @description The other line's letter (or give `window`) */
            category?: string;
            /** @description Another window's number: the ticket waits in that window's own line */
            window?: string;
        };
        Transition: {
            /**
             * @description The step; `allowed_actions` of the application lists those that fit now
             * @enum {string}
             */
            action: "accept" | "approve" | "approve_pending" | "deliver" | "not_accept" | "refuse" | "request_correction" | "resubmit" | "revoke" | "special_end" | "special_start" | "start_processing" | "submit" | "withdraw";
            /** @description For the resident and the record */
            comment?: string;
            /** @description request_correction: everything missing, at once */
            items?: string[];
            /** @description special_start */
            legal_basis?: string;
            /** @description approve_pending: the materials to follow */
            materials?: string[];
            /** @description deliver: download | pickup | post */
            method?: string;
            /** @description not_accept, refuse, special_start, revoke */
            reason?: string;
        };
        UpdateApplication: {
            /** @description The answers to change; a null removes one. Only while draft or in 补正 */
            form: {
                [key: string]: unknown;
            };
        };
        Wait: {
            high: number;
            /** @description The range: one standard deviation below */
            low: number;
            /** @description Estimated minutes until called */
            minutes: number;
        };
        WeeklyHours: {
            /**
             * @example [
             *       [
             *         "09:00",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:00"
             *       ]
             *     ]
             */
            fri?: string[][];
            /**
             * @example [
             *       [
             *         "09:00",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:00"
             *       ]
             *     ]
             */
            mon?: string[][];
            /**
             * @example [
             *       [
             *         "09:00",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:00"
             *       ]
             *     ]
             */
            sat?: string[][];
            /**
             * @example [
             *       [
             *         "09:00",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:00"
             *       ]
             *     ]
             */
            sun?: string[][];
            /**
             * @example [
             *       [
             *         "09:00",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:00"
             *       ]
             *     ]
             */
            thu?: string[][];
            /**
             * @example [
             *       [
             *         "09:00",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:00"
             *       ]
             *     ]
             */
            tue?: string[][];
            /**
             * @example [
             *       [
             *         "09:00",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:00"
             *       ]
             *     ]
             */
            wed?: string[][];
        };
        Window: {
            accessible: boolean;
            readonly categories?: unknown;
            number: string;
        };
        WindowAtWork: {
            /** @description The lines it is set up for */
            readonly categories: unknown;
            /** @description What the window actions take */
            id: number;
            /** @example 03 */
            number: string;
            /** @description Today's, once opened */
            session: components["schemas"]["WindowSession"] | (Record<string, never> | null);
            /** @description The ticket at the window now */
            ticket: components["schemas"]["TicketAtWindow"] | (Record<string, never> | null);
        };
        WindowCreateRequest: {
            /** @description 无障碍/爱心窗口; false when absent */
            accessible?: boolean;
            /** @description Prefixes of this hall's categories the window serves */
            categories: string[];
            number: string;
        };
        WindowSession: {
            /** @description The lines it serves today */
            readonly categories: unknown;
            /** Format: date */
            day: string;
            /** Format: date-time */
            opened_at: string;
            pause_reason: string | null;
            /** @description open | paused | closed */
            status: string;
            /** Format: date-time */
            updated_at: string;
            window_id: number;
        };
        WindowToday: {
            /** @description Mean time from the (last) call to the completion; null before the first */
            average_service_seconds: number | null;
            /** @description Tickets called here (recalls not counted) */
            called: number;
            /**
             * Format: date
             * @description The hall's today
             */
            day: string;
            /** @description Recalled too often */
            no_show: number;
            outcomes: components["schemas"]["OutcomeCounts"];
            /** @description Tickets completed here, whatever the outcome */
            served: number;
            /** @description 过号 */
            skipped: number;
            /** @description Sent to another line or window */
            transferred: number;
            window_id: number;
        };
        WindowUpdateRequest: {
            /** @description 无障碍/爱心窗口; false when absent */
            accessible?: boolean;
            /** @description Prefixes of this hall's categories the window serves */
            categories: string[];
        };
        WorkOrder: {
            /** @description The steps that fit now */
            readonly allowed: string[];
            /** @description upheld | rejected */
            appeal_decision: string | null;
            appeal_note: string | null;
            appeal_reason: string | null;
            /** Format: date-time */
            closed_at: string | null;
            /** Format: date-time */
            created_at: string;
            department_id: number | null;
            /**
             * Format: date
             * @description The hall-local day the reply is due
             */
            due_on: string;
            evaluation: components["schemas"]["Evaluation"];
            events: components["schemas"]["WorkOrderEvent"][];
            /** @description When no department answers */
            hall_id: number | null;
            /** @description rectify | explain */
            handling: string | null;
            handling_text: string | null;
            id: number;
            /** Format: date-time */
            replied_at: string | null;
            reply: string | null;
            /** @description 3 满意 … 1 不满意 */
            revisit_level: number | null;
            /** @enum {string} */
            status: "open" | "verified" | "rectified" | "explained" | "replied" | "closed" | "appealed" | "appeal_upheld";
            verification: string | null;
        };
        WorkOrderBrief: {
            /**
             * Format: date
             * @description The hall-local day the reply is due
             */
            due_on: string;
            id: number;
            /** Format: date-time */
            replied_at: string | null;
            reply: string | null;
            /** @description 3 满意 … 1 不满意 */
            revisit_level: number | null;
            /** @enum {string} */
            status: "open" | "verified" | "rectified" | "explained" | "replied" | "closed" | "appealed" | "appeal_upheld";
        };
        WorkOrderEvent: {
            action: string;
            /** @description resident | staff | system */
            actor: string;
            /** @description Staff only */
            readonly actor_id: number | null;
            /** Format: date-time */
            at: string;
            from_status: string | null;
            text: string;
            to_status: string;
        };
        WorkOrderPage: {
            items: components["schemas"]["WorkOrderSummary"][];
            page: number;
            page_size: number;
            total: number;
            /** @description True when the list counts only up to a limit and there are more: `total` is then that limit (show it as 1000+), and pages go on while they are full. */
            total_capped: boolean;
        };
        WorkOrderSummary: {
            /** Format: date-time */
            created_at: string;
            department_id: number | null;
            /**
             * Format: date
             * @description The hall-local day the reply is due
             */
            due_on: string;
            evaluation_id: number;
            hall_id: number | null;
            id: number;
            level: number;
            /** Format: date-time */
            replied_at: string | null;
            reply: string | null;
            /** @description 3 满意 … 1 不满意 */
            revisit_level: number | null;
            /** @enum {string} */
            status: "open" | "verified" | "rectified" | "explained" | "replied" | "closed" | "appealed" | "appeal_upheld";
        };
        YearDayRequest: {
            /**
             * Format: date
             * @example 2027-02-16
             */
            date: string;
            /**
             * @default
             * @example 春节
             */
            note: string;
            /** @description true: a working day (e.g. a make-up Saturday, 调休); false: a day off */
            working: boolean;
        };
        YearRequest: {
            /** @description Every exception of the year: holidays on weekdays (false) and make-up weekend days (true) */
            days: components["schemas"]["YearDayRequest"][];
            /**
             * @default
             * @example 国务院办公厅关于2027年部分节假日安排的通知
             */
            note: string;
        };
    };
    responses: {
        /** @description Bad Request */
        BAD_REQUEST: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Conflict */
        CONFLICT: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Default error response */
        DEFAULT_ERROR: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Forbidden */
        FORBIDDEN: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Gone */
        GONE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not Found */
        NOT_FOUND: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Request Entity Too Large */
        REQUEST_ENTITY_TOO_LARGE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Service Unavailable */
        SERVICE_UNAVAILABLE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too Many Requests */
        TOO_MANY_REQUESTS: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unauthorized */
        UNAUTHORIZED: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unprocessable Entity */
        UNPROCESSABLE_ENTITY: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unsupported Media Type */
        UNSUPPORTED_MEDIA_TYPE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
