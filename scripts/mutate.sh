#!/usr/bin/env bash
# Mutation testing (`make mutate`): mutmut changes estimator/ one small edit at a time (a `<`
# into `<=`, a word of a message, a rounding mode) and runs the estimator's tests against each
# change; a change no test notices is a "survivor", a promise the tests do not keep.
# Settings in pyproject.toml's [tool.mutmut]; fewer Hypothesis examples in the "mutation"
# profile (tests/conftest.py). Not part of `make test`: it runs the tests thousands of times.
#
# Exits 1 and lists the survivors if any mutant survives or is reached by no test. A truly
# equivalent mutant (no behaviour can tell it apart) is marked in the source with
# `# pragma: no mutate` and the reason.
#   MUTATE_CHILDREN  parallel test runs (default 2)
#   .venv/bin/mutmut show NAME   shows one mutant's diff; mutmut run NAME reruns it
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf mutants  # a fresh run: never mix in results for an older tree
started=$(date +%s)
.venv/bin/mutmut run --max-children "${MUTATE_CHILDREN:-2}" | tail -n 3 | tr '\r' '\n' | tail -n 1
.venv/bin/mutmut results --all true > mutants/results.txt 2>/dev/null || true
seconds=$(( $(date +%s) - started ))

total=$(grep -c ': ' mutants/results.txt || true)
left=$(grep -E ': (survived|no tests|timeout|suspicious|not checked)$' mutants/results.txt || true)
echo "mutate: ${total} mutants of estimator/ in ${seconds} s (${MUTATE_CHILDREN:-2} at a time)"
if [ -n "$left" ]; then
    echo "mutate: $(echo "$left" | wc -l) not killed (see .venv/bin/mutmut show NAME):"
    echo "$left"
    exit 1
fi
echo "mutate: every mutant was killed"
