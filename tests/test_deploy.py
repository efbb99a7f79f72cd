"""The production files in deploy/ agree with the app: settings, secrets, probes, resources, routes, limits,
proxies and metrics (docs/operations.md). Docker and Kubernetes do not run here: the files are parsed, and
nginx checks its own syntax where it is installed."""

from __future__ import annotations

import base64
import functools
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask

from app import providers
from config import BASE_DIR, ProdConfig

DEPLOY = BASE_DIR / "deploy"
K8S = DEPLOY / "k8s"
NOT_IN_KUSTOMIZATION = {"kustomization.yaml", "secret.template.yaml", "migrate-job.yaml"}
METRICS = {
    "palmgov_http_request_duration_seconds",
    "palmgov_queue_waiting",
    "palmgov_queue_wait_seconds",
    "palmgov_provider_failures_total",
    "palmgov_job_queue_depth",
}
# What a process reads besides config.py: Python, pip and the flask command, in the Dockerfile only.
PROCESS_SETTINGS = re.compile(r"PYTHON[A-Z_]*|PIP_[A-Z_]+|FLASK_APP")
SECRET_NAME = re.compile(
    r"SECRET|PASSWORD|TOKEN|PRIVATE|_KEYS?$|KEY_ID$|^(DATABASE|DATABASE_REPLICA|JOBS_REDIS|REDIS)_URL$"
)
PLACEHOLDER = "CHANGE_ME"
APP_SERVICES = ("migrate", "api", "worker", "scheduler")
STREAM_PATH = "/api/v1/halls/12/board/stream"


# --- reading the files --------------------------------------------------------------------------------------


def manifests() -> list[dict]:
    return [doc for path in sorted(K8S.glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text()) if doc]


def one(kind: str, name: str) -> dict:
    (found,) = [doc for doc in manifests() if doc["kind"] == kind and doc["metadata"]["name"] == name]
    return found


def pod_spec(doc: dict) -> dict:
    if doc["kind"] == "CronJob":
        return doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return doc["spec"]["template"]["spec"]


def workloads() -> list[dict]:
    return [doc for doc in manifests() if doc["kind"] in ("Deployment", "Job", "CronJob")]


def container(name: str) -> dict:
    return pod_spec(one("Deployment", name))["containers"][0]


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def env_file(path: Path) -> dict[str, str]:
    lines = [line for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]
    return dict(line.split("=", 1) for line in lines)


def config_settings() -> set[str]:
    """Every environment variable config.py reads, and those deploy/gunicorn.conf.py reads."""
    names = set(re.findall(r"""env\.get\(\s*["']([A-Z0-9_]+)["']""", (BASE_DIR / "config.py").read_text()))
    gunicorn = (DEPLOY / "gunicorn.conf.py").read_text()
    return names | set(re.findall(r"""os\.environ\.get\(\s*["']([A-Z0-9_]+)["']""", gunicorn))


@functools.cache
def _rsa_pems() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private.decode(), public.decode()


def filled(secrets: dict[str, str]) -> dict[str, str]:
    """The secrets with each CHANGE_ME replaced by a value of the right shape (URLs keep it as a password)."""
    key = base64.b64encode(bytes(range(32))).decode()
    private, public = _rsa_pems()
    values = {"FIELD_ENCRYPTION_KEYS": f"1:{key}", "BLIND_INDEX_KEY": key}
    values |= {"ALIPAY_PRIVATE_KEY": private, "ALIPAY_PUBLIC_KEY": public}
    return {name: values.get(name, "x" * 48) if value == PLACEHOLDER else value for name, value in secrets.items()}


def deployments() -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """Each deployment's (settings, secrets): Kubernetes' ConfigMap and Secret, compose's environment and env file."""
    secret = one("Secret", "palmgov-secrets")
    return {
        "kubernetes": (one("ConfigMap", "palmgov-config")["data"], secret["stringData"]),
        "compose": (compose()["services"]["api"]["environment"], env_file(DEPLOY / "secrets.env.example")),
    }


def deployed_config(name: str) -> ProdConfig:
    settings, secrets = deployments()[name]
    return ProdConfig({**settings, **filled(secrets)})


# --- a small nginx reader -----------------------------------------------------------------------------------

NGINX_TOKEN = re.compile(r"""#[^\n]*|'[^']*'|"[^"]*"|[{};]|[^\s{};'"]+""")


@dataclass
class Directive:
    name: str
    args: list[str]
    block: list[Directive] = field(default_factory=list)

    def all(self, name: str) -> list[Directive]:
        return [child for child in self.block if child.name == name]

    def arg(self, name: str) -> str:
        (found,) = self.all(name)
        return " ".join(found.args)


def parse_nginx(text: str) -> Directive:
    root = Directive("root", [])
    stack, words = [root], []
    for token in NGINX_TOKEN.findall(text):
        if token.startswith("#"):
            continue
        if token == ";":
            stack[-1].block.append(Directive(words[0], words[1:]))
            words = []
        elif token == "{":
            block = Directive(words[0], words[1:])
            stack[-1].block.append(block)
            stack.append(block)
            words = []
        elif token == "}":
            stack.pop()
        else:
            words.append(token[1:-1] if token[0] in "'\"" else token)
    assert len(stack) == 1, "unbalanced braces"
    return root


def nginx_site() -> Directive:
    return parse_nginx((DEPLOY / "nginx" / "palmgov.conf").read_text())


def https_server() -> Directive:
    (server,) = [s for s in nginx_site().all("server") if any("443" in d.args[0] for d in s.all("listen"))]
    return server


def nginx_location(server: Directive, path: str) -> Directive:
    """The location nginx picks for ``path``: exact, then ^~ prefixes, then regexes in order, then prefixes."""
    locations = server.all("location")
    exact = [loc for loc in locations if loc.args[:2] == ["=", path]]
    prefixes = sorted(
        (loc for loc in locations if len(loc.args) == 1 or loc.args[0] == "^~"),
        key=lambda loc: -len(loc.args[-1]),
    )
    longest = next((loc for loc in prefixes if path.startswith(loc.args[-1])), None)
    regexes = [loc for loc in locations if loc.args[0] == "~" and re.search(loc.args[1], path)]
    if exact:
        return exact[0]
    if longest is not None and longest.args[0] == "^~":
        return longest
    return regexes[0] if regexes else longest


def size_bytes(text: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    return int(text[:-1]) * units[text[-1].lower()] if text[-1].lower() in units else int(text)


def seconds(text: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "y": 365 * 86400}
    return int(text[:-1]) * units[text[-1]] if text[-1] in units else int(text)


# --- every file ---------------------------------------------------------------------------------------------


def test_every_manifest_and_the_dashboard_parse():
    yaml_files = sorted(DEPLOY.rglob("*.yaml"))
    assert len(yaml_files) >= 10
    for path in yaml_files:
        assert list(yaml.safe_load_all(path.read_text())), path
    assert json.loads((DEPLOY / "grafana" / "palmgov.json").read_text())["panels"]


def test_kustomization_lists_every_manifest_but_the_secret_template_and_the_migration():
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    assert all((K8S / name).is_file() for name in listed)
    assert set(listed) == {path.name for path in K8S.glob("*.yaml")} - NOT_IN_KUSTOMIZATION


# --- settings and secrets -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["kubernetes", "compose"])
def test_every_setting_is_one_the_app_reads(name):
    settings, secrets = deployments()[name]
    assert set(settings) | set(secrets) <= config_settings()


def test_the_dockerfile_sets_only_settings_the_app_or_python_reads():
    names = re.findall(r"^(?:ENV)?\s+([A-Z_]+)=", (DEPLOY / "Dockerfile").read_text(), re.MULTILINE)
    assert "PALMGOV_ENV" in names
    assert [n for n in names if n not in config_settings() and not PROCESS_SETTINGS.fullmatch(n)] == []


@pytest.mark.parametrize("name", ["kubernetes", "compose"])
def test_secrets_are_only_in_the_secret(name):
    settings, secrets = deployments()[name]
    assert [setting for setting in settings if SECRET_NAME.search(setting)] == []
    assert not set(settings) & set(secrets)
    assert {"SECRET_KEY", "JWT_SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "METRICS_TOKEN"} <= set(secrets)


@pytest.mark.parametrize("name", ["kubernetes", "compose"])
def test_the_secret_templates_hold_no_real_secret(name):
    _, secrets = deployments()[name]
    # compose's Redis is on the host's private network, without a password.
    without_password = {"REDIS_URL"} if name == "compose" else set()
    assert {key for key, value in secrets.items() if value and PLACEHOLDER not in value} == without_password


def test_compose_and_kubernetes_describe_the_same_deployment():
    (k8s_settings, k8s_secrets), (compose_settings, compose_secrets) = deployments().values()
    assert compose_settings == k8s_settings
    assert set(compose_secrets) == set(k8s_secrets)


@pytest.mark.parametrize("name", ["kubernetes", "compose"])
def test_the_deployment_passes_the_production_checks_and_builds_its_providers(name):
    config = deployed_config(name)
    assert config.problems() == []
    for setting in providers.ADAPTERS:
        assert providers.build(setting, vars(config)) is not None


@pytest.mark.parametrize("name", ["kubernetes", "compose"])
def test_a_missing_secret_is_caught(name):
    settings, secrets = deployments()[name]
    secrets = {key: value for key, value in filled(secrets).items() if key != "JWT_SECRET_KEY"}
    assert any("JWT_SECRET_KEY" in problem for problem in ProdConfig({**settings, **secrets}).problems())


# --- Kubernetes ---------------------------------------------------------------------------------------------


def test_every_container_has_requests_and_limits():
    containers = [c for doc in workloads() for c in pod_spec(doc)["containers"]]
    assert len(containers) >= 4
    for c in containers:
        for bound in ("requests", "limits"):
            assert set(c["resources"][bound]) >= {"cpu", "memory"}, (c["name"], bound)


def test_every_workload_runs_the_image_with_the_config_and_the_secret_as_a_non_root_user():
    images = {entry["name"] for entry in yaml.safe_load((K8S / "kustomization.yaml").read_text())["images"]}
    for doc in workloads():
        spec = pod_spec(doc)
        assert spec["securityContext"]["runAsNonRoot"] is True
        for c in spec["containers"]:
            assert c["image"] in images
            refs = {next(iter(ref.values()))["name"] for ref in c["envFrom"]}
            assert refs == {"palmgov-config", "palmgov-secrets"}


def test_the_api_probes_are_readyz_and_healthz_on_its_port(app: Flask):
    api = container("palmgov-api")
    ports = {port["name"] for port in api["ports"]}
    assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert api["livenessProbe"]["httpGet"]["path"] == "/healthz"
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert api[probe]["httpGet"]["port"] in ports
        assert app.url_map.bind("localhost").match(api[probe]["httpGet"]["path"])
    assert api["ports"][0]["containerPort"] == int(re.search(r"PORT=(\d+)", (DEPLOY / "Dockerfile").read_text())[1])


def test_the_api_writes_only_to_its_volumes():
    api = container("palmgov-api")
    mounts = [mount["mountPath"] for mount in api["volumeMounts"]]
    assert api["securityContext"]["readOnlyRootFilesystem"] is True
    uploads = re.search(r"UPLOAD_DIR=(\S+)", (DEPLOY / "Dockerfile").read_text())[1]
    metrics_dir = one("ConfigMap", "palmgov-config")["data"]["PROMETHEUS_MULTIPROC_DIR"]
    for path in (uploads, metrics_dir):
        assert any(path == mount or path.startswith(mount + "/") for mount in mounts), path


def test_the_hpa_scales_the_api_on_cpu():
    hpa = one("HorizontalPodAutoscaler", "palmgov-api")
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", "palmgov-api")
    assert [m["resource"]["name"] for m in hpa["spec"]["metrics"]] == ["cpu"]
    assert "cpu" in container("palmgov-api")["resources"]["requests"]  # Utilization is a share of it
    assert hpa["spec"]["minReplicas"] >= 2


def test_the_service_selects_the_api_pods_and_the_ingresses_use_the_service():
    service = one("Service", "palmgov-api")
    pod_labels = one("Deployment", "palmgov-api")["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= pod_labels.items()
    port_names = {port["name"] for port in service["spec"]["ports"]}
    container_ports = {port["name"] for port in container("palmgov-api")["ports"]}
    assert {port["targetPort"] for port in service["spec"]["ports"]} <= container_ports
    for ingress in ingresses():
        for path in ingress_paths(ingress):
            backend = path["backend"]["service"]
            assert backend["name"] == "palmgov-api"
            assert backend["port"]["name"] in port_names


def ingresses() -> list[dict]:
    return [doc for doc in manifests() if doc["kind"] == "Ingress"]


def ingress_paths(ingress: dict) -> list[dict]:
    return [path for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]]


def ingress_matches(rule: dict, path: str) -> bool:
    if rule["pathType"] == "Exact":
        return path == rule["path"]
    prefix = rule["path"].rstrip("/")  # a Prefix matches whole path elements
    return path == prefix or path.startswith(prefix + "/")


def ingress_for(path: str) -> dict | None:
    """The Ingress whose path takes ``path`` (Exact first, then the longest Prefix), if any."""
    candidates = [
        (rule["pathType"] == "Exact", len(rule["path"]), index, ingress)
        for index, ingress in enumerate(ingresses())
        for rule in ingress_paths(ingress)
        if ingress_matches(rule, path)
    ]
    return max(candidates, key=lambda candidate: candidate[:3])[3] if candidates else None


def sample_path(rule: str) -> str:
    """A path the route takes: /<any(js, css):folder>/<path:filename> -> /js/1."""
    return re.sub(r"<[^>]+>", "1", re.sub(r"<any\(([^,)]+)[^>]*>", r"\1", rule))


def test_the_ingresses_have_tls_and_take_bodies_up_to_max_content_length():
    limit = deployed_config("kubernetes").MAX_CONTENT_LENGTH
    for ingress in ingresses():
        hosts = {rule["host"] for rule in ingress["spec"]["rules"]}
        assert hosts <= {host for tls in ingress["spec"]["tls"] for host in tls["hosts"]}
        assert size_bytes(ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"]) == limit


def test_the_ingress_routes_every_route_of_the_app_but_metrics(app: Flask):
    samples = {sample_path(rule.rule) for rule in app.url_map.iter_rules()}
    samples |= {"/", "/js/app.0a1b2c3d.js", "/static/images/logo.png", "/hall/kiosk", "/l/abc123"}
    assert "/metrics" in samples  # the app has it; the ingress must not route it
    assert sorted(path for path in samples - {"/metrics"} if ingress_for(path) is None) == []
    assert ingress_for("/metrics") is None


def test_board_streams_pass_the_ingress_unbuffered_for_their_whole_life(app: Flask):
    (rule,) = [rule for rule in app.url_map.iter_rules() if rule.rule.endswith("/board/stream")]
    path = app.url_map.bind("localhost").build(rule.endpoint, {"hall_id": 12})
    assert path == STREAM_PATH
    annotations = ingress_for(path)["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/proxy-buffering"] == "off"
    timeout = int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"])
    assert timeout >= deployed_config("kubernetes").BOARD_STREAM_SECONDS


@pytest.mark.parametrize("name", ["kubernetes", "compose"])
def test_the_app_trusts_exactly_the_one_proxy_in_front(name):
    assert deployed_config(name).TRUSTED_PROXY_COUNT == 1


# --- compose ------------------------------------------------------------------------------------------------


def test_compose_runs_every_process_of_the_app(app: Flask):
    services = compose()["services"]
    assert {"api", "worker", "scheduler", "postgres", "redis", "nginx"} <= set(services)
    dockerfile_cmd = json.loads(re.search(r"^CMD (.+)$", (DEPLOY / "Dockerfile").read_text(), re.MULTILINE)[1])
    assert services["api"]["command"] == dockerfile_cmd == ["gunicorn", "-c", "deploy/gunicorn.conf.py", "wsgi:app"]
    assert services["migrate"]["command"] == ["flask", "db", "upgrade"]
    assert services["worker"]["command"] == ["flask", "worker"]
    assert "flask sweep" in services["scheduler"]["command"][-1]
    for command in ("db", "worker", "sweep", "audit-verify"):
        assert command in app.cli.commands
    for name in ("api", "worker", "scheduler"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_kubernetes_and_systemd_run_the_commands_compose_runs():
    services = compose()["services"]
    audit_verify = ["flask", "audit-verify"]
    k8s = {
        "api": container("palmgov-api")["command"],
        "worker": container("palmgov-worker")["command"],
        "migrate": pod_spec(one("Job", "palmgov-migrate"))["containers"][0]["command"],
        "audit-verify": pod_spec(one("CronJob", "palmgov-audit-verify"))["containers"][0]["command"],
    }
    units = {path.stem.removeprefix("palmgov-"): path.read_text() for path in (DEPLOY / "systemd").glob("*.service")}
    systemd = {
        name: re.search(r"^ExecStart=/srv/palmgov/\.venv/bin/(.+)$", text, re.MULTILINE)[1].split()
        for name, text in units.items()
    }
    for commands in (k8s, systemd):
        assert commands == {name: services[name]["command"] for name in ("api", "worker", "migrate")} | {
            "audit-verify": audit_verify
        }
    assert all("EnvironmentFile=/etc/palmgov/palmgov.env" in text for text in units.values())


def test_every_compose_service_has_limits_and_the_api_a_readiness_check():
    services = compose()["services"]
    for name, service in services.items():
        assert set(service["deploy"]["resources"]["limits"]) >= {"cpus", "memory"}, name
    assert "/readyz" in " ".join(services["api"]["healthcheck"]["test"])
    assert services["nginx"]["depends_on"]["api"]["condition"] == "service_healthy"


def test_compose_keeps_passwords_out_of_the_file():
    services = compose()["services"]
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    for name in APP_SERVICES:
        assert services[name]["env_file"] == ["secrets.env"]
    ignored = (DEPLOY / ".gitignore").read_text().split()
    assert {"secrets.env", ".env", "tls/"} <= set(ignored)


def test_compose_redis_keeps_an_append_only_file_and_never_evicts():
    command = compose()["services"]["redis"]["command"]
    flags = dict(zip(command[1::2], command[2::2], strict=True))
    assert flags["--appendonly"] == "yes"
    assert flags["--appendfsync"] == "everysec"
    assert flags["--maxmemory-policy"] == "noeviction"


def test_compose_builds_the_dockerfile_stages_and_nginx_gets_its_certificates():
    services = compose()["services"]
    stages = set(re.findall(r"^FROM \S+ AS (\S+)$", (DEPLOY / "Dockerfile").read_text(), re.MULTILINE))
    assert {services[name]["build"]["target"] for name in ("api", "nginx")} <= stages
    certificate_dir = str(Path(https_server().arg("ssl_certificate")).parent)
    assert f"./tls:{certificate_dir}:ro" in services["nginx"]["volumes"]
    assert "443:443" in services["nginx"]["ports"]


def test_dockerfile_copies_files_that_exist_and_runs_as_a_user():
    text = (DEPLOY / "Dockerfile").read_text()
    sources = [
        source for line in re.findall(r"^COPY (?!--from)(.+)$", text, re.MULTILINE) for source in line.split()[:-1]
    ]
    assert "deploy/nginx/palmgov.conf" in sources
    assert [source for source in sources if not (BASE_DIR / source).exists()] == []
    assert re.search(r"^USER palmgov$", text, re.MULTILINE)


# --- nginx --------------------------------------------------------------------------------------------------


def test_nginx_takes_the_same_bodies_as_the_app():
    assert size_bytes(https_server().arg("client_max_body_size")) == deployed_config("compose").MAX_CONTENT_LENGTH


def test_nginx_writes_the_forwarded_headers_from_what_it_sees():
    server = https_server()
    headers = {d.args[0]: d.args[1] for d in server.all("proxy_set_header")}
    assert headers["X-Forwarded-For"] == "$remote_addr"  # one entry, never the client's own: one trusted hop
    assert headers["X-Forwarded-Proto"] == "$scheme"
    assert headers["X-Forwarded-Host"] == "$host"
    # A location with its own proxy_set_header would drop all of these.
    assert [loc.args for loc in server.all("location") if loc.all("proxy_set_header")] == []


def test_nginx_streams_board_events_unbuffered():
    location = nginx_location(https_server(), STREAM_PATH)
    assert location.arg("proxy_buffering") == "off"
    assert seconds(location.arg("proxy_read_timeout")) >= deployed_config("compose").BOARD_STREAM_SECONDS
    assert nginx_location(https_server(), "/api/v1/halls/12/board").all("proxy_buffering") == []


def test_nginx_serves_the_h5_files_and_proxies_the_rest():
    server = https_server()
    js = nginx_location(server, "/js/app.0a1b2c3d.js")
    assert js.arg("try_files") == "$uri @app"  # a missing file gets the app's JSON 404
    assert seconds(js.arg("expires")) >= 30 * 86400  # hash-named
    assert seconds(nginx_location(server, "/static/images/logo.png").arg("expires")) <= 3600
    # The page itself comes from the app, with the CSP that allows its inline scripts by hash.
    for path in ("/", "/hall/kiosk", "/l/abc123", "/api/v1/catalog/items", "/readyz", "/api/docs"):
        assert nginx_location(server, path).arg("proxy_pass") == "http://palmgov_app", path


def test_nginx_keeps_only_what_the_app_marks_public():
    server = https_server()
    (cache_path,) = nginx_site().all("proxy_cache_path")
    zone = next(arg for arg in cache_path.args if arg.startswith("keys_zone="))
    for path in ("/api/v1/items/SB-0001", "/api/v1/items", "/api/v1/halls/12/availability"):
        location = nginx_location(server, path)
        assert zone.startswith(f"keys_zone={location.arg('proxy_cache')}:"), path
        assert location.arg("proxy_pass") == "http://palmgov_app"
        # One fill at a time, and a renewal never makes a reader wait.
        assert (location.arg("proxy_cache_lock"), location.arg("proxy_cache_background_update")) == ("on", "on")
        assert location.arg("proxy_cache_use_stale") == "updating"
        # No proxy_cache_valid or proxy_ignore_headers: the app's Cache-Control decides what is kept.
        assert location.all("proxy_cache_valid") == location.all("proxy_ignore_headers") == []
        hidden = {d.args[0] for d in location.all("proxy_hide_header")}
        assert hidden == {"X-Request-ID"} | {d.args[0] for d in server.all("proxy_hide_header")}
    for path in ("/api/v1/me", "/api/v1/halls/12", "/api/v1/itemsx", "/api/v1/progress/abc", STREAM_PATH):
        assert [d.args for d in nginx_location(server, path).all("proxy_cache")] in ([], [["off"]]), path


def test_nginx_does_not_expose_metrics():
    for path in ("/metrics", "/metrics/"):
        assert nginx_location(https_server(), path).arg("return").startswith("404 ")


def test_nginx_proxies_to_the_compose_api_service():
    (upstream,) = nginx_site().all("upstream")
    host, port = upstream.arg("server").split(":")
    assert host in compose()["services"]
    assert port == re.search(r"PORT=(\d+)", (DEPLOY / "Dockerfile").read_text())[1]


def test_nginx_answers_its_own_errors_as_json():
    server = https_server()
    pages = {status: d.args[-1] for d in server.all("error_page") for status in d.args if status.isdigit()}
    for status in ("413", "502", "504"):
        location = next(loc for loc in server.all("location") if loc.args == [pages[status]])
        body = json.loads(location.arg("return").split(" ", 1)[1])
        assert set(body) == {"code", "message", "request_id", "details"}


@pytest.mark.skipif(not (shutil.which("nginx") and shutil.which("openssl")), reason="nginx or openssl not installed")
def test_nginx_accepts_the_site(tmp_path):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=palmgov.test",
         "-keyout", tmp_path / "privkey.pem", "-out", tmp_path / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "palmgov.conf").read_text()
    site = site.replace("/etc/nginx/tls", str(tmp_path)).replace("server api:", "server 127.0.0.1:")
    site = site.replace("/var/cache/nginx", str(tmp_path))  # the nginx image has it; this machine may not
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", tmp_path, "-c", tmp_path / "nginx.conf"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# --- metrics ------------------------------------------------------------------------------------------------


def metric_names(expression: str) -> set[str]:
    return {re.sub(r"_(bucket|count|sum)$", "", name) for name in re.findall(r"\bpalmgov_[a-z_]+", expression)}


def test_the_dashboard_charts_every_metric_the_app_exports():
    source = (BASE_DIR / "app" / "metrics.py").read_text()
    assert all(f'"{name.removesuffix("_total")}' in source for name in METRICS)
    dashboard = json.loads((DEPLOY / "grafana" / "palmgov.json").read_text())
    expressions = [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])]
    used = set().union(*map(metric_names, expressions))
    assert used == METRICS
    variables = {variable["name"] for variable in dashboard["templating"]["list"]}
    for panel in dashboard["panels"]:
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == "${datasource}"
    assert all(set(re.findall(r"\$(\w+)", expr)) <= variables for expr in expressions)


def test_the_alerts_use_the_app_metrics_and_have_a_severity():
    rules = [rule for group in yaml.safe_load((DEPLOY / "prometheus" / "alerts.yaml").read_text())["groups"]
             for rule in group["rules"]]  # fmt: skip
    assert len(rules) >= 5
    for rule in rules:
        assert metric_names(rule["expr"]) <= METRICS
        assert rule["labels"]["severity"] in ("warning", "critical")
    assert set().union(*(metric_names(rule["expr"]) for rule in rules)) >= METRICS - {"palmgov_queue_waiting"}
