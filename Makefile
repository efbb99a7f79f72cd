# PalmGov: `make run` serves the whole thing; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
# pytest-xdist workers for `make test`: auto is one per CPU core.
PYTEST_WORKERS ?= auto
export FLASK_APP := wsgi

FRONTEND_SOURCES := $(shell find miniprogram/src miniprogram/config -type f 2>/dev/null) \
	$(wildcard miniprogram/.env miniprogram/babel.config.js miniprogram/tsconfig.json)
H5_INDEX := miniprogram/dist/h5/index.html
WEAPP_APP := miniprogram/dist/weapp/app.json
ALIPAY_APP := miniprogram/dist/alipay/app.json

.PHONY: run test bench install install-dev migrate seed frontend mini-programs browser api-types lint clean

run: migrate seed frontend
	@echo ""
	@echo "PalmGov is starting on http://$(HOST):$(PORT)/"
	@echo "  frontend (H5):  http://$(HOST):$(PORT)/"
	@echo "  API docs:       http://$(HOST):$(PORT)/api/docs"
	@echo "  readiness:      http://$(HOST):$(PORT)/readyz"
	@echo ""
	@# With a real Redis, background jobs need a worker; on the embedded one they run inline.
	@if [ -n "$$REDIS_URL" ]; then echo "Starting the job worker (flask worker)"; $(BIN)/flask worker & fi; \
	HOST=$(HOST) PORT=$(PORT) exec $(BIN)/gunicorn -c deploy/gunicorn.conf.py wsgi:app

# The suite: the frontend's typecheck and unit tests, the WeChat and Alipay builds, then pytest, which
# includes the browser journeys (tests/e2e/) against the H5 build.
test: install-dev frontend mini-programs browser
	@if command -v npm >/dev/null 2>&1; then cd miniprogram && npm run --silent typecheck && npm test --silent; fi
	@# Bytecode caching on: pytest then keeps its assertion-rewritten modules instead of redoing them in every worker.
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n $(PYTEST_WORKERS)

# Every benchmark, its ceilings and the growth to 1M applications (docs/performance.md): needs PostgreSQL and Redis
# on 127.0.0.1; writes bench/results/ and docs/performance/*.png. `make test` runs only its smoke mode (tests/bench/).
bench: install-dev
	$(BIN)/python -m bench

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "PalmGov needs Python 3.11 or newer (set PYTHON=python3.x)")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask seed-demo

miniprogram/node_modules/.installed: miniprogram/package.json miniprogram/package-lock.json
	cd miniprogram && npm install --no-audit --no-fund
	touch $@

$(H5_INDEX): $(FRONTEND_SOURCES) miniprogram/node_modules/.installed
	cd miniprogram && npm run build:h5

frontend:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(H5_INDEX); \
	else echo "npm not found: skipping the H5 frontend build (install Node 20 to get it)"; fi

$(WEAPP_APP): $(FRONTEND_SOURCES) miniprogram/node_modules/.installed
	cd miniprogram && npm run build:weapp

$(ALIPAY_APP): $(FRONTEND_SOURCES) miniprogram/node_modules/.installed
	cd miniprogram && npm run build:alipay

# The WeChat and Alipay builds (tests/test_miniprogram_builds.py checks them).
mini-programs:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(WEAPP_APP) $(ALIPAY_APP); fi

# Debian's Chromium and CJK fonts for the browser journeys; installed when missing and we are root (CI).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
		else echo "Chromium not found: the browser journeys will be skipped (apt-get install chromium fonts-noto-cjk)"; fi; \
	fi

# After an API change: the spec the frontend's types come from, and the types (both checked in; tests compare).
api-types: install miniprogram/node_modules/.installed
	$(BIN)/flask openapi write --format=json miniprogram/openapi.json
	cd miniprogram && node scripts/api-types.mjs

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) miniprogram/node_modules miniprogram/dist
