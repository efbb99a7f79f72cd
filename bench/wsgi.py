"""The benchmark's server: PalmGov's ``create_app()`` with the ceilings' blueprint (bench/ceilings.py), served by
``gunicorn -c deploy/gunicorn.conf.py bench.wsgi:app``."""

from app import create_app
from bench.ceilings import blueprint

app = create_app()
app.register_blueprint(blueprint)
