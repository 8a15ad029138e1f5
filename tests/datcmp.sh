#!/bin/sh
# Tests of tests/tools/datcmp with hand-made files: columns are matched by
# name, a reference column missing from the result fails, a new column in
# the result passes with a note, values are compared with the tolerances.
# usage: datcmp.sh DATCMP
set -u
datcmp=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0; n=0

# expect NAME STATUS REF TEST [GREP]: datcmp's exit status, and (if given)
# a text its output must contain
expect() {
  name=$1; want=$2; ref=$3; test=$4; text=${5:-}
  n=$((n + 1))
  "$datcmp" -r 1e-9 -a 1e-6 "$tmp/$ref" "$tmp/$test" >"$tmp/out" 2>&1
  got=$?
  if [ "$got" != "$want" ]; then
    echo "datcmp test '$name': exit status $got, expected $want"; cat "$tmp/out"; fail=$((fail + 1)); return
  fi
  if [ -n "$text" ] && ! grep -q -- "$text" "$tmp/out"; then
    echo "datcmp test '$name': output lacks \"$text\":"; cat "$tmp/out"; fail=$((fail + 1))
  fi
}

cat > "$tmp/ref.dat" <<'EOF'
# a comment
year wind_mwh label co2_mt
2020 100.5 "a b" 9.25
2025 200.0 "c" 10
EOF
# the same numbers, columns in another order, other comments
cat > "$tmp/reordered.dat" <<'EOF'
# another comment
label co2_mt year wind_mwh
"a b" 9.25 2020 100.5
"c" 10.0000000001 2025 200
EOF
cat > "$tmp/missing.dat" <<'EOF'
year label co2_mt
2020 "a b" 9.25
2025 "c" 10
EOF
cat > "$tmp/changed.dat" <<'EOF'
year wind_mwh label co2_mt
2020 100.5 "a b" 9.25
2025 200.1 "c" 10
EOF
cat > "$tmp/text.dat" <<'EOF'
year wind_mwh label co2_mt
2020 100.5 "a b" 9.25
2025 200.0 "d" 10
EOF
cat > "$tmp/new.dat" <<'EOF'
year wind_mwh csp_mwh label co2_mt
2020 100.5 1 "a b" 9.25
2025 200.0 2 "c" 10
EOF
cat > "$tmp/short.dat" <<'EOF'
year wind_mwh label co2_mt
2020 100.5 "a b" 9.25
EOF
printf '\357\273\277year,wind_mwh,label,co2_mt\r\n2020,100.5,"a b",9.25\r\n2025,200,"c",10\r\n' > "$tmp/ref.csv"

expect "identical" 0 ref.dat ref.dat
expect "reordered columns" 0 ref.dat reordered.dat
expect "missing column" 1 ref.dat missing.dat "column 'wind_mwh' of the reference is missing"
expect "changed value" 1 ref.dat changed.dat "wind_mwh: 200.1, reference 200.0"
expect "changed text" 1 ref.dat text.dat "label"
expect "new column" 0 ref.dat new.dat "new column 'csp_mwh'"
expect "fewer rows" 1 ref.dat short.dat "row count differs"
expect "csv against dat" 0 ref.csv ref.dat
expect "no such file" 2 ref.dat nothing.dat

echo "datcmp tests: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
