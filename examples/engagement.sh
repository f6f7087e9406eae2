#!/usr/bin/env bash
# A realistic end-of-engagement workspace built with the real CLI: three respondents answering
# 30 questions, agreed levels with their rationale, evidence (a file, hashed, and a URL), owners
# and due dates on roadmap actions, SoA decisions with and without a justification, and a
# baseline from the previous quarter. Used by tests/it/report_engagement.rs; run it by hand to
# look at the deliverables:
#   examples/engagement.sh target/debug/aira /tmp/acme && target/debug/aira -w /tmp/acme/2026-q3 report --format pdf -o /tmp/acme/r.pdf
# Usage: engagement.sh AIRA_BINARY OUT_DIR (OUT_DIR must not exist yet; nothing outside it is written)
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: engagement.sh AIRA_BINARY OUT_DIR" >&2; exit 2; }
[ -e "$2" ] && { echo "engagement.sh: $2 exists" >&2; exit 2; }
mkdir -p "$2"
# Absolute paths: the evidence file is added from inside the workspace.
aira=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$(cd "$2" && pwd)
# A config of our own: the capturer's name in history and evidence comes from it.
export HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config" XDG_DATA_HOME="$out/home/.local/share"
mkdir -p "$XDG_CONFIG_HOME"

qs=(plan-govern-ai-roles plan-govern-roles-responsibilities plan-govern-human-oversight-roles
  plan-govern-policy-alignment plan-map-objectives-planning plan-measure-metric-selection
  plan-manage-risks-and-opportunities plan-manage-go-no-go-criteria do-govern-policy-awareness
  do-govern-documented-information do-govern-testing-culture do-govern-impact-disclosure
  do-map-requirements do-map-data-quality do-map-third-party-components do-map-stakeholder-engagement
  do-measure-human-subjects do-measure-security do-measure-output-interpretation
  do-measure-emerging-risks do-manage-release-decision do-manage-non-ai-alternatives
  do-manage-incident-response check-govern-performance-evaluation check-govern-first-cycle
  check-map-assessment-currency check-measure-metric-effectiveness
  check-manage-treatment-effectiveness check-manage-override-drills act-govern-lessons-sharing)
people=("Dana Ruiz:security" "Sam Okafor:data-science" "Priya Natarajan:legal")

# Last quarter's assessment, the baseline: two respondents, lower levels.
base="$out/2026-q1"
"$aira" init "$base" --name "Acme AI governance readiness" --organisation "Acme Insurance Ltd" \
  --scope "Claims triage and customer chat assistants" --assessor "Lee Marsh" --period 2026-01-12..2026-02-06 >/dev/null
"$aira" -w "$base" respondent add "Dana Ruiz" >/dev/null
"$aira" -w "$base" respondent add "Sam Okafor" >/dev/null
for i in "${!qs[@]}"; do
  "$aira" -w "$base" answer "${qs[$i]}" $(( (i * 7) % 3 )) --respondent "Dana Ruiz" >/dev/null
  "$aira" -w "$base" answer "${qs[$i]}" $(( (i * 5) % 4 )) --respondent "Sam Okafor" >/dev/null
done

ws="$out/2026-q3"
"$aira" init "$ws" --name "Acme AI governance readiness" --organisation "Acme Insurance Ltd" \
  --scope "Claims triage and customer chat assistants, the model platform team and its suppliers" \
  --assessor "Lee Marsh" --assessor "Ana Kovač" --contact "Jo Brennan, Chief Risk Officer" \
  --period 2026-06-01..2026-07-10 --status draft --version 0.9 >/dev/null
for p in "${people[@]}"; do
  "$aira" -w "$ws" respondent add "${p%%:*}" --role "${p#*:}" >/dev/null
done
notes=("Roles are in the RACI but nobody has signed it off." "We track this in the risk register; reviewed quarterly."
  "Only the chat assistant is covered so far." "")
for i in "${!qs[@]}"; do
  for r in 0 1 2; do
    level=$(( (i * 3 + r * 2 + i / 7) % 6 ))
    note=${notes[$(( (i + r) % 4 ))]}
    "$aira" -w "$ws" answer "${qs[$i]}" "$level" --respondent "${people[$r]%%:*}" ${note:+--note "$note"} >/dev/null
  done
done
"$aira" -w "$ws" answer do-measure-human-subjects na --respondent "Priya Natarajan" \
  --note "No human-subject testing happens here." >/dev/null
"$aira" -w "$ws" agree plan-govern-ai-roles 2 \
  --note "Roles exist on paper; approval by the board is still pending." >/dev/null
"$aira" -w "$ws" agree do-measure-security 3 --note "Red-team report from May accepted as the record." >/dev/null

mkdir -p "$ws/policies"
printf 'AI policy v1.2, approved by the board on 2026-04-02.\n' >"$ws/policies/ai-policy-v1.2.txt"
(cd "$ws" && "$aira" -w . evidence add plan-govern-policy-alignment policies/ai-policy-v1.2.txt \
  --respondent "Dana Ruiz" --note "Board-approved policy" >/dev/null)
"$aira" -w "$ws" evidence add do-manage-incident-response https://intranet.acme.example/runbooks/ai-incidents \
  --respondent "Sam Okafor" --note "Incident runbook" >/dev/null

"$aira" -w "$ws" roadmap set plan-govern-ai-roles --owner "Dana Ruiz" --due 2026-09-30 >/dev/null
"$aira" -w "$ws" roadmap set do-govern-testing-culture --owner "Sam Okafor" --due 2026-10-31 >/dev/null
"$aira" -w "$ws" roadmap set check-govern-first-cycle --owner "Jo Brennan" >/dev/null

"$aira" -w "$ws" soa set A.2.2 --applicable --justification "Required by the policy framework." \
  --owner "Rita Quinn" >/dev/null
"$aira" -w "$ws" soa set A.10.4 --not-applicable --justification "No AI system is supplied to customers." >/dev/null
# A decision nobody justified yet: the report flags it.
"$aira" -w "$ws" soa set A.6.2.2 --applicable >/dev/null

# The baseline, relative to the workspace (a top-level key, so before any table).
sed -i '1i baseline = "../2026-q1"' "$ws/workspace.toml"
echo "$ws"
