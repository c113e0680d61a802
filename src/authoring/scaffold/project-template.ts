/**
 * The files of a new project: one Hurl stage, a Flask reference that passes it and a bad app
 * (a folder) that fails it, so that `roadwork content check` holds on the scaffold at once.
 */
import { SCHEMA_DIR, type Files } from "./exercise-templates.js";

export function projectFiles(id: string): Files {
  return {
    "project.yaml": `# yaml-language-server: $schema=${SCHEMA_DIR}/project.schema.json
id: ${id}
title: A first API
summary: Build a small JSON API in Flask, one stage at a time.
frameworks:
  flask: { start: ["/usr/bin/python3", "-m", "flask", "--app", "app", "run", "--port", "{PORT}", "--no-reload"] }
stages:
  - { n: 1, slug: hello, title: "A first route", instructions: stages/01-hello.md, tests: stages/01-hello.hurl }
references: { flask: reference/flask }
# Each bad app is a reference with one thing broken: it must pass every stage before
# fails_at and fail at fails_at.
bad:
  - { path: bad/01-plain-text, framework: flask, fails_at: 1, why: "GET /hello answers the text hello instead of a JSON object." }
`,
    "README.md": `# A first API

You build a JSON API in Flask, one stage at a time. roadwork starts your app and tests it over
HTTP after every stage.
`,
    "stages/01-hello.md": `# A first route

Add the route \`GET /hello\`: it answers status 200 with the JSON object \`{"message": "hello"}\`.
`,
    "stages/01-hello.hurl": `# Stage 1: GET /hello answers 200 with the JSON object {"message": "hello"}.
GET {{base_url}}/hello
HTTP 200
[Asserts]
header "Content-Type" contains "application/json"
jsonpath "$.message" == "hello"
`,
    "reference/flask/app.py": `from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/hello")
def hello():
    return jsonify(message="hello")
`,
    "bad/01-plain-text/app.py": `# Mistake: answers plain text instead of a JSON object.
from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello():
    return "hello"
`,
  };
}
