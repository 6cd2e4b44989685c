"""A bare Flask app: the yardstick that bench/scoreboard.py serves with the same settings."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
