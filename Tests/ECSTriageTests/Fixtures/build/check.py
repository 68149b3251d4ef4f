#!/usr/bin/env python3
"""Runs the built ecs-triage on every near-miss snapshot and field-note scenario and
prints what it answered, checked against the expectations (the data of BASELINE.md).

    python3 check.py [--json] [near-miss|field-notes]

Near misses: every finding of severity low or above is a false alarm.
Field notes: `right` = the first finding is one of expectFirst and every other
expectation holds; `partly` = the first finding is right but another expectation
fails, or it is wrong while an expected rule appears further down; `wrong`
otherwise; `error` = the analysis did not run (exit 65/70).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.dirname(HERE)
ROOT = os.path.abspath(os.path.join(FIXTURES, "../../.."))
TRIAGE = os.environ.get("TRIAGE", os.path.join(ROOT, ".build/debug/ecs-triage"))
LOW_OR_ABOVE = {"critical", "high", "medium", "low"}


def analyze(paths, cwd):
    result = subprocess.run([TRIAGE, "analyze", "--format", "json", *paths], capture_output=True, text=True, cwd=cwd)
    report = json.loads(result.stdout) if result.stdout.strip().startswith("{") else None
    return result.returncode, report, result.stderr.strip()


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def summary(finding):
    return {"rule": finding["ruleId"], "severity": finding["severity"], "confidence": finding["confidence"],
            "title": finding["title"], "resources": finding["resources"],
            "evidence": [e.get("field", "") + " " + e["text"] for e in finding.get("evidence", [])]}


def near_miss():
    folder = os.path.join(FIXTURES, "near-miss")
    results = []
    for name in sorted(f for f in os.listdir(folder) if f.endswith(".json")):
        status, report, stderr = analyze([name], folder)
        findings = report["findings"] if report else []
        alarms = [summary(f) for f in findings if f["severity"] in LOW_OR_ABOVE]
        results.append({"name": name[:-5], "exit": status, "quiet": not alarms and status == 0, "alarms": alarms,
                        "info": [summary(f) for f in findings if f["severity"] == "info"], "warnings": (report or {}).get("input", {}).get("warnings", []),
                        "stderr": stderr})
    return results


def field_notes():
    folder = os.path.join(FIXTURES, "field-notes")
    results = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not os.path.isdir(path):
            continue
        with open(os.path.join(path, "expected.json")) as handle:
            expected = json.load(handle)
        inputs = sorted(f for f in os.listdir(path) if f != "expected.json")
        status, report, stderr = analyze(inputs, path)
        result = {"name": name, "seed": expected["seed"], "exit": status, "stderr": stderr, "expectFirst": expected["expectFirst"]}
        if report is None or status not in (0, 1):
            result.update(verdict="error", first=None, failures=[f"exit {status}: {stderr}"])
            results.append(result)
            continue
        findings = report["findings"]
        first = findings[0] if findings else None
        text = "\n".join(strings(report))
        failures = []
        first_right = first is not None and first["ruleId"] in expected["expectFirst"]
        if not first_right:
            failures.append("first finding " + (first["ruleId"] if first else "none") + " not in " + ", ".join(expected["expectFirst"]))
        wanted = list(expected["expectResources"])
        if "subnet" in wanted:
            wanted.remove("subnet")
            subnets_file = os.path.join(path, "describe-subnets.json")
            if os.path.exists(subnets_file):
                with open(subnets_file) as handle:
                    subnet_ids = [s["SubnetId"] for s in json.load(handle)["Subnets"]]
                if not first or not any(any(sid in r for r in first["resources"]) for sid in subnet_ids):
                    failures.append("first finding names no task subnet")
        for resource in wanted:
            if not first or not any(resource in r for r in first["resources"]):
                failures.append(f"first finding does not name {resource}")
        for phrase in expected["mustMention"]:
            if phrase not in text:
                failures.append(f"report does not mention {phrase!r}")
        for phrase in expected["mustNotMention"]:
            if phrase in text or any(f["ruleId"] == phrase for f in findings):
                failures.append(f"report mentions {phrase!r}")
        rules = [f["ruleId"] for f in findings]
        for rule in expected["expectAlso"]:
            if rule not in rules:
                failures.append(f"no {rule} finding")
        for rule, most in expected.get("maxFindingsOfRule", {}).items():
            if rules.count(rule) > most:
                failures.append(f"{rules.count(rule)} {rule} findings (at most {most})")
        if first_right and not failures:
            verdict = "right"
        elif first_right or any(rule in rules for rule in expected["expectFirst"]):
            verdict = "partly"
        else:
            verdict = "wrong"
        result.update(verdict=verdict, first=summary(first) if first else None, failures=failures,
                      findings=[summary(f) for f in findings], warnings=report["input"]["warnings"])
        results.append(result)
    return results


def main(arguments):
    kinds = [a for a in arguments if not a.startswith("--")] or ["near-miss", "field-notes"]
    output = {kind: (near_miss() if kind == "near-miss" else field_notes()) for kind in kinds}
    if "--json" in arguments:
        json.dump(output, sys.stdout, indent=1, sort_keys=True)
        print()
        return
    for kind, results in output.items():
        print(f"== {kind}")
        for result in results:
            if kind == "near-miss":
                state = "quiet" if result["quiet"] else f"{len(result['alarms'])} false alarm(s): " + ", ".join(
                    f"{a['rule']} ({a['severity']}, {a['confidence']})" for a in result["alarms"])
                print(f"{result['name']}: {state}")
            else:
                first = result["first"]
                print(f"{result['name']}: {result['verdict']}; first: " + (f"{first['rule']} ({first['severity']}, {first['confidence']})" if first else "none"))
                for failure in result["failures"]:
                    print("    - " + failure)


if __name__ == "__main__":
    main(sys.argv[1:])
