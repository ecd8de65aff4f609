#!/usr/bin/env bash
# Mutation testing (`make mutate`): mutmut changes estimator/ one small edit at a time (a `<`
# into `<=`, a word of a message, a rounding mode) and runs the estimator's tests against each
# change; a change no test notices is a "survivor", a promise the tests do not keep.
# Settings in pyproject.toml's [tool.mutmut]; fewer Hypothesis examples in the "mutation"
# profile (tests/conftest.py). Not part of `make test`: it runs the tests thousands of times.
#
# It runs one module at a time and prints a line as each starts and ends (mutants, killed, not
# killed, seconds); `tail -f mutants/mutmut-estimator.NAME.log` shows mutmut's own progress.
# Exits 1 and lists the survivors if any mutant survives or is reached by no test. A truly
# equivalent mutant (no behaviour can tell it apart) is marked in the source with
# `# pragma: no mutate` and the reason.
#   scripts/mutate.sh amounts money     only these modules of estimator/ (or MUTATE_ONLY="amounts money",
#                                        e.g. `make mutate MUTATE_ONLY=amounts`)
#   MUTATE_CHILDREN  parallel test runs (default 2)
#   .venv/bin/mutmut show NAME   shows one mutant's diff; mutmut run NAME reruns it (after a run)
set -euo pipefail
cd "$(dirname "$0")/.."

children="${MUTATE_CHILDREN:-2}"
# shellcheck disable=SC2206  # split the list on spaces and commas
only="${MUTATE_ONLY:-}"
requested=(${only//,/ } "$@")
if [ ${#requested[@]} -eq 0 ]; then
    # Every module mutmut mutates: estimator/*.py less [tool.mutmut]'s do_not_mutate.
    mapfile -t requested < <(.venv/bin/python - <<'EOF'
import pathlib, tomllib
skip = tomllib.loads(pathlib.Path("pyproject.toml").read_text())["tool"]["mutmut"]["do_not_mutate"]
for path in sorted(pathlib.Path("estimator").glob("*.py")):
    if str(path) not in skip:
        print(path.stem)
EOF
    )
fi

rm -rf mutants  # a fresh run: never mix in results for an older tree
mkdir -p mutants
started=$(date +%s)
left=""
total=0
for name in "${requested[@]}"; do
    module="estimator.${name#estimator.}"
    module="${module%.py}"
    log="mutants/mutmut-${module}.log"
    echo "mutate: ${module} ..."
    module_started=$(date +%s)
    if ! .venv/bin/mutmut run --max-children "$children" "${module}.*" > "$log" 2>&1; then
        if grep -q "nothing matches" "$log"; then
            echo "mutate: ${module}: no mutants (no functions to change)"
            continue
        fi
        cat "$log"
        echo "mutate: mutmut failed on ${module} (its output is above)" >&2
        exit 2
    fi
    results=$(.venv/bin/mutmut results --all true | grep -F "    ${module}." || true)
    count=$(echo "$results" | grep -c ': ' || true)
    not_killed=$(echo "$results" | grep -E ': (survived|no tests|timeout|suspicious|not checked|segfault)$' || true)
    echo "mutate: ${module}: ${count} mutants, $(echo "$results" | grep -c ': killed$' || true) killed," \
        "$(echo -n "$not_killed" | grep -c '^' || true) not killed, $(( $(date +%s) - module_started )) s"
    total=$(( total + count ))
    left+="${not_killed:+$not_killed$'\n'}"
done
seconds=$(( $(date +%s) - started ))

echo "mutate: ${total} mutants of ${#requested[@]} modules in ${seconds} s (${children} at a time)"
if [ -n "$left" ]; then
    echo "mutate: $(echo -n "$left" | grep -c '^') not killed (see .venv/bin/mutmut show NAME):"
    echo -n "$left"
    exit 1
fi
echo "mutate: every mutant was killed"
