#!/usr/bin/env bash
# Shows that `clusterplot animate -o x.gif` plays in a browser: renders the iteration animation as
# a GIF and opens it in headless Chromium twice, served from a one-off HTTP server on 127.0.0.1
# whose page holds a script that arrives after 0 s or after 1.5 s of real time (a screenshot is
# taken when the page has loaded; a GIF advances in real time, not in Chromium's virtual time).
# The two screenshots differ when the browser has moved on to later frames.
#   scripts/gif-plays-in-browser.sh [CLUSTERPLOT] [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/.build/debug/clusterplot}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
chromium="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chromium" ] || { echo "chromium is not installed (apt-get install chromium)"; exit 1; }
"$bin" animate "$root/Fixtures/configs/iterations.yaml" -o "$out/k.gif" --delay 0.2 --dpi 60 >/dev/null
for d in 0 1500; do
  printf '<!doctype html><html><body style="margin:0;background:#fff"><img src="k.gif"><script src="wait-%s.js"></script></body></html>\n' "$d" > "$out/page-$d.html"
done
# The server answers at most 20 requests, each wait-N.js after N ms, and stops by itself after 60 s.
python3 - "$out" > "$out/port" <<'PY' &
import http.server, os, sys, threading, time
root = sys.argv[1]
class H(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k): super().__init__(*a, directory=root, **k)
    def log_message(self, *a): pass
    def do_GET(self):
        name = self.path.lstrip("/")
        if name.startswith("wait-") and name.endswith(".js"):
            time.sleep(int(name[5:-3]) / 1000)
            self.send_response(200); self.send_header("Content-Type", "text/javascript"); self.end_headers(); self.wfile.write(b"0;")
        else:
            super().do_GET()
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
threading.Timer(60, lambda: os._exit(0)).start()
for _ in range(20): s.handle_request()
PY
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$out/port" ] && break; sleep 0.1; done
port="$(cat "$out/port")"
shot() {
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$out/profile" \
    --window-size=300,300 --screenshot="$out/$2" "http://127.0.0.1:$port/page-$1.html" >/dev/null 2>&1
}
shot 0 early.png
shot 1500 later.png
[ -s "$out/early.png" ] && [ -s "$out/later.png" ] || { echo "no screenshot"; exit 1; }
if cmp -s "$out/early.png" "$out/later.png"; then
  echo "the GIF does not play: both screenshots are the same ($out)"; exit 1
fi
echo "the GIF plays: $out/early.png and $out/later.png show different frames"
