#!/usr/bin/env bash
# Peak memory of `maillage import rpps` on a synthetic RPPS-layout file
# (PS_LibreAcces_Personne_activite: `|`-separated, published header, one row per
# activity), measured with /usr/bin/time -v. The national extract is about 800 MB;
# the import streams it and keeps only the territory's professionals.
#
# Usage: benches/import_memory.sh [ROWS] [TERRITORY_COMMUNES]
#   ROWS                 rows of the synthetic file (default 1000000)
#   TERRITORY_COMMUNES   how many of the file's 2,000 communes form the territory
#                        (default 50, about 2.5 % of the rows; 2000 keeps every row)
# Writes the file and the bundle under ${TMPDIR:-/tmp}/maillage-import-bench.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-1000000}
KEEP=${2:-50}
WORK=${TMPDIR:-/tmp}/maillage-import-bench
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$WORK"
FILE="$WORK/PS_LibreAcces_Personne_activite_${ROWS}.txt"

if [ ! -s "$FILE" ]; then
    python3 - "$FILE" "$ROWS" <<'EOF'
import random
import sys

path, rows = sys.argv[1], int(sys.argv[2])
header = open("tests/import/rpps/PS_LibreAcces_Personne_activite_extrait.txt", encoding="utf-8").readline().rstrip("\n")
ncols = len(header.split("|"))
rng = random.Random(20261123)
professions = [("10", "Médecin", "SM54", "Médecine générale")] * 3 + [
    ("10", "Médecin", "SM42", "Psychiatrie"), ("60", "Infirmier", "", ""), ("60", "Infirmier", "", ""),
    ("70", "Masseur-Kinésithérapeute", "", ""), ("21", "Pharmacien", "", ""), ("91", "Orthophoniste", "", ""),
    ("40", "Chirurgien-Dentiste", "", ""), ("50", "Sage-Femme", "", ""), ("26", "Audioprothésiste", "", ""),
]
communes = [f"{30000 + i:05d}" for i in range(1, 2001)]
with open(path, "w", encoding="utf-8", newline="\n") as f:
    f.write(header + "\n")
    for n in range(rows):
        person = n if n % 5 else n - 1  # one activity in five is a second practice
        prof, plabel, sf, sflabel = professions[rng.randrange(len(professions))]
        commune = communes[rng.randrange(len(communes))]
        cells = [""] * ncols
        cells[0:19] = ["8", f"1{person:010d}", f"81{person:010d}", "", "", "M", "Monsieur",
                       f"NOM{person}", f"PRENOM{person}", prof, plabel, "C", "Civil",
                       "S" if sf else "", "Spécialité ordinale" if sf else "", sf, sflabel, "L", "Libéral"]
        cells[23] = f"R{n:012d}"
        cells[24] = f"CABINET {n}"
        cells[32] = "RUE EXEMPLE"
        cells[34] = f"{commune} COMMUNE"
        cells[35] = commune
        cells[36] = commune
        cells[37] = f"Commune {commune}"
        f.write("|".join(cells) + "\n")
EOF
fi
ls -l "$FILE"

cargo build --quiet --release -p maillage-cli
TERRITORY=$(python3 -c "print(','.join(f'{30000 + i:05d}' for i in range(1, $KEEP + 1)))")
rm -rf "$WORK/bundle"
/usr/bin/time -v "$TARGET/release/maillage" import rpps "$FILE" --territory "$TERRITORY" \
    --into "$WORK/bundle" > "$WORK/report.txt" 2> "$WORK/time.txt"
head -3 "$WORK/report.txt"
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$WORK/time.txt"
echo "actors.csv rows: $(($(wc -l < "$WORK/bundle/actors.csv") - 1))"
