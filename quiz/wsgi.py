"""The WSGI application for production servers: `gunicorn -c quiz/gunicorn_conf.py`."""

from quiz import create_app

app = create_app()
