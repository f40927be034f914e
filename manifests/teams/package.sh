#!/usr/bin/env bash
# Builds SecBot's Teams app package: manifest.json (with the bot's app id and public host filled in), color.png and
# outline.png, all at the root of one zip, ready for Teams → Apps → Manage your apps → Upload an app.
# Needs bash, sed, python3 or node (to check the JSON), and zip or python3 (to write the archive).
set -euo pipefail

usage="usage: package.sh <app-id> <public-host> [out.zip]
  app-id       the bot's Microsoft App ID (Entra application/client id), a GUID such as 0b5a3c1e-0000-4000-8000-1234567890ab
  public-host  the host name Teams reaches SecBot at, such as secbot.example.com (no https://, path or port)
  out.zip      where to write the package (default: secbot-teams.zip in the current directory)"

fail() {
  printf 'package.sh: %s\n%s\n' "$1" "$usage" >&2
  exit 2
}

[[ $# -ge 2 && $# -le 3 ]] || fail "expected 2 or 3 arguments, got $#."
app_id=$1
host=$2
out=${3:-secbot-teams.zip}

guid='^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$'
[[ $app_id =~ $guid ]] || fail "app id '$app_id' is not a GUID."
app_id=${app_id,,}

[[ $host != *://* ]] || fail "public host '$host' has a scheme; give the host name only, such as secbot.example.com."
[[ $host != */* ]] || fail "public host '$host' has a path; give the host name only, such as secbot.example.com."
[[ $host != *:* ]] || fail "public host '$host' has a port; give the host name only (a port belongs in the bot's messaging endpoint)."
label='[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
[[ ${#host} -le 253 && $host =~ ^$label(\.$label)*$ ]] || fail "public host '$host' is not a host name."
host=${host,,}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
case $out in
  /*) ;;
  *) out="$PWD/$out" ;;
esac
[[ -d $(dirname "$out") ]] || fail "the directory of '$out' does not exist."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Both values were checked above to hold only GUID or host-name characters, so neither can break the sed expression.
sed -e "s/\${{BOT_APP_ID}}/$app_id/g" -e "s/\${{BOT_DOMAIN}}/$host/g" "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"

if grep -q '\${{' "$work/manifest.json"; then
  echo "package.sh: manifest.json still has a placeholder after substitution: $(grep -o '\${{[A-Z_]*}}' "$work/manifest.json" | head -n 1)" >&2
  exit 1
fi

if command -v python3 > /dev/null; then
  python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$work/manifest.json" \
    || { echo "package.sh: manifest.json is not valid JSON." >&2; exit 1; }
elif command -v node > /dev/null; then
  node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$work/manifest.json" \
    || { echo "package.sh: manifest.json is not valid JSON." >&2; exit 1; }
else
  echo "package.sh: needs python3 or node to check manifest.json." >&2
  exit 1
fi

rm -f "$out"
if command -v zip > /dev/null; then
  (cd "$work" && zip -q -X "$out" manifest.json color.png outline.png)
elif command -v python3 > /dev/null; then
  (cd "$work" && python3 -m zipfile -c "$out" manifest.json color.png outline.png)
else
  echo "package.sh: needs zip or python3 to write the package." >&2
  exit 1
fi

echo "Wrote $out (bot $app_id, host $host). Upload it in Teams: Apps → Manage your apps → Upload an app."
