#!/bin/sh
# The dependency rule between the folders of sim/: every #include "..." in
# sim/<folder>/*.c|h|def names a file of its own folder, of a folder that
# sim/LAYERS lets it include, or is a known exception listed there.
# Also: every folder is in LAYERS and every file is in a folder; a folder may
# only name folders listed before it (so there is no cycle); file names are
# unique across folders (all folders are on the include path); an exception
# that no longer occurs is an error, so the table stays true. A line
# "system HEADER FOLDER..." allows #include <HEADER> only in those folders.
# usage: layers.sh [SIMDIR]             check (default SIMDIR: sim)
#        layers.sh [SIMDIR] --markdown  the layer table for docs/architecture.md
set -u
root=${1:-sim}
mode=${2:-check}
[ "$root" = --markdown ] && { root=sim; mode=--markdown; }
[ -f "$root/LAYERS" ] || { echo "layers: $root/LAYERS is missing"; exit 1; }
files=$(find "$root" -type f \( -name '*.c' -o -name '*.h' -o -name '*.def' \) | LC_ALL=C sort)
dirs=$(find "$root" -mindepth 1 -type d | LC_ALL=C sort)
LC_ALL=C awk -v root="$root" -v mode="$mode" -v dirs="$dirs" -v files="$files" '
function fail(msg) { print "layers: " msg; nfail++ }
BEGIN {
    # 1. the table
    table = root "/LAYERS"
    while ((getline line < table) > 0) {
        ln++
        note = ""
        if (match(line, /#/)) { note = substr(line, RSTART + 1); sub(/^[ \t]+/, "", note) }
        sub(/#.*/, "", line); sub(/^[ \t]+/, "", line); sub(/[ \t]+$/, "", line)
        if (line == "") continue
        n = split(line, w, /[ \t]+/)
        if (w[1] == "exception") {
            if (n < 4) { fail(table ":" ln ": an exception needs FOLDER/FILE INCLUDE REASON"); continue }
            ne++; ex_file[ne] = w[2]; ex_inc[ne] = w[3]; ex_line[ne] = ln
            continue
        }
        if (w[1] == "system") {
            if (n < 3) { fail(table ":" ln ": a system rule needs HEADER FOLDER..."); continue }
            sys_rule[w[2]] = 1; sys_list[w[2]] = ""
            for (i = 3; i <= n; i++) { sys_ok[w[2], w[i]] = 1; sys_list[w[2]] = sys_list[w[2]] (i == 3 ? "" : " ") w[i] }
            continue
        }
        f = w[1]
        if (f in rank) { fail(table ":" ln ": folder " f " is listed twice"); continue }
        nl++; rank[f] = nl; order[nl] = f; allowed_list[f] = ""; holds[f] = note
        for (i = 2; i <= n; i++) {
            if (!(w[i] in rank)) fail(table ":" ln ": " f " may include " w[i] ", which is not listed before it (layers: lowest first, no cycles)")
            else if (w[i] == f) fail(table ":" ln ": " f " names itself")
            allowed[f, w[i]] = 1
            allowed_list[f] = allowed_list[f] (allowed_list[f] == "" ? "" : " ") w[i]
        }
    }
    close(table)
    # 2. folders and files
    nd = split(dirs, d, "\n")
    for (i = 1; i <= nd; i++) {
        if (d[i] == "") continue
        rel = substr(d[i], length(root) + 2)
        if (rel ~ /\//) { fail(d[i] ": folders are one level deep (sim/<layer>/)"); continue }
        present[rel] = 1
        if (!(rel in rank)) fail(d[i] "/ is not a layer of " table)
    }
    for (i = 1; i <= nl; i++) if (!(order[i] in present)) fail(table ": layer " order[i] " has no folder " root "/" order[i] "/")
    nf = split(files, fl, "\n")
    for (i = 1; i <= nf; i++) {
        p = fl[i]; if (p == "") continue
        rel = substr(p, length(root) + 2)
        k = index(rel, "/")
        if (k == 0) { fail(p " is in no layer folder (move it into one of " root "/<layer>/)"); home[rel] = ""; continue }
        dir = substr(rel, 1, k - 1); base = substr(rel, k + 1)
        if (base in home) { fail(p ": the name " base " is also " root "/" home[base] "/" base " (names must be unique: every folder is on the include path)"); continue }
        home[base] = dir; nsrc++; src[nsrc] = p; srcdir[nsrc] = dir; srcrel[nsrc] = rel
        nfiles[dir]++; if (base ~ /\.c$/) cfiles[dir] = cfiles[dir] (cfiles[dir] == "" ? "" : ", ") "`" base "`"
    }
    if (mode == "--markdown") {
        print "| layer (lowest first) | holds | may include | sources |"
        print "|---|---|---|---|"
        for (i = 1; i <= nl; i++) {
            f = order[i]
            print "| `" f "/` | " holds[f] " | " (allowed_list[f] == "" ? "—" : allowed_list[f]) " | " cfiles[f] " |"
        }
        for (h in sys_rule) {
            print ""
            print "Only `" sys_list[h] "/` may include `<" h ">`."
        }
        if (ne > 0) {
            print ""
            print "Known exceptions (each goes when its cause is fixed):"
            print ""
            while ((getline line < table) > 0) {
                if (line !~ /^[ \t]*exception[ \t]/) continue
                sub(/^[ \t]*exception[ \t]+/, "", line)
                split(line, w, /[ \t]+/)
                reason = line; sub(/^[^ \t]+[ \t]+[^ \t]+[ \t]+/, "", reason)
                print "- `" w[1] "` includes `" w[2] "`: " reason
            }
        }
        exit 0
    }
    for (i = 1; i <= nsrc; i++) srcrel_set[srcrel[i]] = 1
    for (j = 1; j <= ne; j++)
        if (!(ex_file[j] in srcrel_set)) fail(table ":" ex_line[j] ": exception for " ex_file[j] ", which is not a file of " root "/")
    # 3. the includes
    for (i = 1; i <= nsrc; i++) {
        p = src[i]; from = srcdir[i]; lno = 0
        while ((getline line < p) > 0) {
            lno++
            if (line ~ /^[ \t]*#[ \t]*include[ \t]*</) {
                inc = line; sub(/^[ \t]*#[ \t]*include[ \t]*</, "", inc); sub(/>.*/, "", inc)
                if ((inc in sys_rule) && !((inc, from) in sys_ok))
                    fail(p ":" lno ": #include <" inc ">: only " sys_list[inc] " may include it (see " table ")")
                continue
            }
            if (line !~ /^[ \t]*#[ \t]*include[ \t]*"/) continue
            inc = line; sub(/^[ \t]*#[ \t]*include[ \t]*"/, "", inc); sub(/".*/, "", inc)
            nincl++
            if (inc ~ /\//) { fail(p ":" lno ": #include \"" inc "\": include by name only (\"name.h\"); the folders are on the include path"); continue }
            if (!(inc in home)) { fail(p ":" lno ": #include \"" inc "\" is not a file of " root "/"); continue }
            to = home[inc]
            if (to == "") continue      # in no folder: reported above
            if (to == from || ((from, to) in allowed)) continue
            ok = 0
            for (j = 1; j <= ne; j++) if (ex_file[j] == srcrel[i] && ex_inc[j] == inc) { ok = 1; used[j] = 1 }
            if (ok) { nexc++; continue }
            fail(p ":" lno ": #include \"" inc "\" (" root "/" to "/" inc "): " from " may not include " to \
                 " (" from " may include: " (allowed_list[from] == "" ? "nothing outside itself" : allowed_list[from]) "; see " table ")")
        }
        close(p)
    }
    for (j = 1; j <= ne; j++)
        if (!(j in used) && (ex_file[j] in srcrel_set))
            fail(table ":" ex_line[j] ": exception " ex_file[j] " -> " ex_inc[j] " no longer occurs: delete it")
    printf "layers: %d layers, %d files, %d includes (%d known exceptions): %d problems\n", nl, nsrc, nincl, nexc, nfail
    exit nfail != 0
}'
