import Foundation

/// Writes `check` results for people (one offline HTML file) and for CI systems (JUnit XML).
public enum GoldenReport {
    /// A self-contained HTML page: images inlined as base64 data URIs, inline CSS and a little JS
    /// (side-by-side, swipe and blink views); no network access needed.
    /// `acceptCommand` gives the command line that accepts a failing or missing golden (shown on its card).
    public static func html(_ report: GoldenCheckReport, title: String = "clusterplot check",
                            acceptCommand: (GoldenCaseResult) -> String? = { _ in nil }) -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(esc(title))</title>
        <style>
        body{font:14px/1.4 system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
        header{background:#1d2330;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
        .counts span{display:inline-block;margin-right:14px;font-weight:600}
        main{padding:16px 24px}
        .case{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);margin:0 0 18px;padding:12px 16px}
        .case h2{font-size:16px;margin:0 0 6px;display:flex;gap:10px;align-items:center}
        .badge{font-size:12px;padding:2px 8px;border-radius:10px;color:#fff;text-transform:uppercase}
        .passed{background:#2e7d32}.failed{background:#c62828}.missing{background:#ef6c00}.error{background:#6a1b9a}
        .msg{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px;background:#f4f5f7;padding:6px 8px;border-radius:4px;white-space:pre-wrap}
        table.m{border-collapse:collapse;margin:8px 0;font-size:13px}table.m td,table.m th{border:1px solid #dde;padding:3px 8px;text-align:right}
        table.m th{background:#eef;text-align:left}.bad{color:#c62828;font-weight:700}.env{color:#8a4b00}
        .tabs button{border:1px solid #99a;background:#fff;padding:4px 10px;margin-right:4px;border-radius:4px;cursor:pointer}
        .tabs button.on{background:#1d2330;color:#fff}
        .view{display:none;margin-top:8px}.view.on{display:block}
        .sbs{display:flex;gap:8px;flex-wrap:wrap}.sbs figure{margin:0;flex:1 1 0;min-width:200px}
        .sbs img,.one img{width:100%;border:1px solid #ccd;background:#fff}
        figcaption{font-size:12px;color:#556;text-align:center}
        .swipe{position:relative;display:inline-block;max-width:100%}.swipe img{display:block;max-width:100%;border:1px solid #ccd}
        .swipe .top{position:absolute;left:0;top:0;bottom:0;overflow:hidden;border-right:2px solid #c62828}
        .swipe .top img{max-width:none}
        .crop img{image-rendering:pixelated;border:1px solid #ccd;max-width:100%}
        details summary{cursor:pointer;color:#445}
        .thumb{max-width:360px;border:1px solid #ccd;background:#fff}
        .legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;border:1px solid #999}
        </style></head><body>
        <header><h1>\(esc(title))</h1><div class="counts">
        <span>\(report.count(.passed)) passed</span><span>\(report.count(.failed)) failed</span>
        <span>\(report.count(.missing)) missing</span><span>\(report.count(.error) + report.renderErrors.count) errors</span>
        <span>\(fmt(report.seconds * 1000, 0)) ms</span></div></header><main>

        """
        if !report.renderErrors.isEmpty {
            for e in report.renderErrors {
                h += "<div class=\"case\"><h2><span class=\"badge error\">error</span>\(esc(e.configPath))</h2><div class=\"msg\">\(esc(e.message))</div></div>\n"
            }
        }
        let order: [GoldenCaseResult.Status: Int] = [.failed: 0, .error: 1, .missing: 2, .passed: 3]
        let sorted = report.cases.enumerated().sorted { (order[$0.element.status]!, $0.offset) < (order[$1.element.status]!, $1.offset) }
        for (n, c) in sorted.map({ $0.element }).enumerated() {
            h += card(c, id: n, accept: c.status == .passed ? nil : acceptCommand(c))
        }
        if !report.orphans.isEmpty {
            h += "<div class=\"case\"><h2><span class=\"badge missing\">orphaned</span>goldens no config produces</h2><div class=\"msg\">"
                + report.orphans.map(esc).joined(separator: "\n") + "</div><p>Remove them with <code>clusterplot update --prune</code>.</p></div>\n"
        }
        h += "<p>Environment: " + report.environment.sorted { $0.key < $1.key }.map { "\(esc($0.key)) \(esc($0.value))" }.joined(separator: " · ") + "</p>\n"
        h += """
        </main><script>
        function show(id,v){document.querySelectorAll('#c'+id+' .view').forEach(e=>e.classList.toggle('on',e.dataset.v==v));
        document.querySelectorAll('#c'+id+' .tabs button').forEach(e=>e.classList.toggle('on',e.dataset.v==v));}
        function swipe(id,x){var t=document.querySelector('#c'+id+' .swipe .top');t.style.width=x+'%';
        t.firstElementChild.style.width=t.parentElement.clientWidth+'px';}
        window.addEventListener('load',()=>document.querySelectorAll('.swipe input').forEach(i=>i.oninput()));
        setInterval(()=>document.querySelectorAll('img.blink').forEach(i=>{var a=i.dataset.a,e=i.dataset.e;
        var on=i.getAttribute('src')==a;i.src=on?e:a;i.nextElementSibling.textContent=on?'expected':'actual';}),600);
        </script></body></html>

        """
        return h
    }

    static func card(_ c: GoldenCaseResult, id: Int, accept: String? = nil) -> String {
        var h = "<div class=\"case\" id=\"c\(id)\"><h2><span class=\"badge \(c.status.rawValue)\">\(c.status.rawValue)</span>\(esc(c.name))"
        h += "<small style=\"font-weight:normal;color:#667\">from \(esc(c.configPath)) · \(esc(c.method))\(c.status == .failed ? " · " + esc(c.change) : "")</small></h2>\n"
        h += "<div class=\"msg\">\(esc(c.message))</div>\n"
        if let accept { h += "<p>Accept with <code>\(esc(accept))</code></p>\n" }
        if !c.environmentDifferences.isEmpty {
            h += "<p class=\"env\">⚠ The golden was rendered in a different environment, so small differences are expected: "
                + c.environmentDifferences.map(esc).joined(separator: "; ") + "</p>\n"
        }
        if let m = c.comparison, m.verdict != .sizeMismatch { h += metrics(m) }
        let exp = c.expectedPNG.map(dataURI), act = c.actualPNG.map(dataURI), diff = c.diffPNG.map(dataURI)
        if c.status == .passed || exp == nil {
            if let act {
                h += "<details><summary>\(c.status == .missing ? "rendered image (not yet recorded)" : "image")</summary><img class=\"thumb\" src=\"\(act)\" alt=\"actual\"></details>\n"
            }
        } else if let exp, let act {
            h += """
            <div class="tabs"><button class="on" data-v="s" onclick="show(\(id),'s')">side by side</button><button data-v="w" onclick="show(\(id),'w')">swipe</button><button data-v="b" onclick="show(\(id),'b')">blink</button>\(c.cropPNG != nil ? "<button data-v=\"z\" onclick=\"show(\(id),'z')\">zoom on worst region</button>" : "")</div>
            <div class="view on" data-v="s"><div class="sbs"><figure><img src="\(exp)" alt="expected"><figcaption>expected (golden)</figcaption></figure><figure><img src="\(act)" alt="actual"><figcaption>actual</figcaption></figure>\(diff.map { "<figure><img src=\"\($0)\" alt=\"diff\"><figcaption>diff <span class=\"legend\"><span style=\"background:#f00\"></span>changed<span style=\"background:#ffd200\"></span>anti-aliasing<span style=\"background:#00be3c\"></span>moved 1 px<span style=\"background:#78aaff\"></span>below threshold</span></figcaption></figure>" } ?? "")</div></div>
            <div class="view" data-v="w"><div class="swipe"><img src="\(exp)" alt="expected"><div class="top" style="width:50%"><img src="\(act)" alt="actual"></div></div><br><input type="range" min="0" max="100" value="50" style="width:60%" oninput="swipe(\(id),this.value)"> <small>left of the red line: actual · right: expected</small></div>
            <div class="view" data-v="b"><div class="one" style="max-width:900px"><img class="blink" src="\(act)" data-a="\(act)" data-e="\(exp)" alt="blink"><figcaption>actual</figcaption></div></div>

            """
            if let crop = c.cropPNG.map(dataURI) {
                h += "<div class=\"view\" data-v=\"z\"><div class=\"crop\"><img src=\"\(crop)\" alt=\"crop\"><figcaption>expected | actual | diff around the worst region\(c.comparison?.worstRegion.map { " (\($0))" } ?? "")</figcaption></div></div>\n"
            }
        }
        return h + "</div>\n"
    }

    static func metrics(_ m: ImageComparison) -> String {
        let t = m.tolerance
        func row(_ name: String, _ value: String, _ limit: String, _ bad: Bool) -> String {
            "<tr><th>\(name)</th><td\(bad ? " class=\"bad\"" : "")>\(value)</td><td>\(limit)</td></tr>"
        }
        var rows = "<table class=\"m\"><tr><th>metric</th><th>value</th><th>limit</th></tr>"
        if t.exact {
            rows += row("changed pixels", "\(m.changedPixels)", "0 (exact)", m.changedPixels > 0)
        } else {
            rows += row("significant pixels", "\(m.significantPixels)", "≤ \(t.maxDiffPixels)", m.significantPixels > t.maxDiffPixels)
            rows += row("worst tile RMS (\(t.tileSize)×\(t.tileSize))", fmt(m.worstTileRMS) + (m.worstTile.map { " at (\($0.x),\($0.y))" } ?? ""),
                        "≤ \(fmt(t.maxTileRMS))", m.worstTileRMS > t.maxTileRMS)
            rows += row("global RMS (matplotlib)", fmt(m.rms, 3), t.maxRMS.map { "≤ \(fmt($0, 3))" } ?? "—", t.maxRMS.map { m.rms > $0 } ?? false)
            rows += row("anti-aliasing pixels (excused)", "\(m.antialiasedPixels)", "Δ ≤ \(t.antialiasingMaxDelta)", false)
            rows += row("moved 1 px (excused)", "\(m.shiftedPixels)", t.maxShift > 0 ? "on" : "off", false)
            rows += row("changed pixels", "\(m.changedPixels)", "—", false)
            rows += row("max channel Δ", "\(m.maxChannelDelta)", "—", false)
        }
        rows += "</table>"
        if !m.failedRules.isEmpty { rows += "<p><b>Failed rule\(m.failedRules.count > 1 ? "s" : ""):</b> " + m.failedRules.map(esc).joined(separator: "; ") + "</p>" }
        return rows + "\n"
    }

    /// JUnit XML: one `<testcase>` per golden, `classname` and `file` the config's path as shown,
    /// `name` the golden's path in the golden folder; `<failure type="numbers-changed">`,
    /// `"drawing-changed"` or `"missing-golden"` (its text: the command that accepts it), `<error>`
    /// for render errors and unreadable goldens, `<skipped>` for orphaned goldens; metrics in
    /// `<system-out>`. Valid against `schema/junit.xsd`.
    public static func junit(_ report: GoldenCheckReport, suiteName: String = "clusterplot.check",
                             acceptCommand: (GoldenCaseResult) -> String? = { _ in nil }) -> String {
        let failures = report.count(.failed) + report.count(.missing)
        let errors = report.count(.error) + report.renderErrors.count
        let tests = report.cases.count + report.renderErrors.count + report.orphans.count
        let counts = "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(report.orphans.count)\" time=\"\(fmt(report.seconds, 3))\""
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<testsuites name=\"\(esc(suiteName))\" \(counts)>\n"
        x += "  <testsuite name=\"\(esc(suiteName))\" \(counts)>\n"
        x += "    <properties>\n"
        for (k, v) in report.environment.sorted(by: { $0.key < $1.key }) { x += "      <property name=\"\(esc(k))\" value=\"\(esc(v))\"/>\n" }
        x += "    </properties>\n"
        for e in report.renderErrors {
            x += "    <testcase classname=\"\(esc(e.configPath))\" name=\"render\" file=\"\(esc(e.configPath))\" time=\"0\">\n"
            x += "      <error type=\"config\" message=\"\(esc(e.message))\"/>\n    </testcase>\n"
        }
        for c in report.cases {
            x += "    <testcase classname=\"\(esc(c.configPath))\" name=\"\(esc(c.name))\" file=\"\(esc(c.configPath))\" time=\"\(fmt(c.seconds, 4))\">\n"
            let accept = acceptCommand(c).map { esc($0) } ?? ""
            switch c.status {
            case .passed: break
            case .failed:
                x += "      <failure type=\"\(c.format == "numbers" ? "numbers-changed" : "drawing-changed")\" message=\"\(esc(c.change + ": " + c.message))\">\(accept)</failure>\n"
            case .missing: x += "      <failure type=\"missing-golden\" message=\"\(esc(c.message))\">\(accept)</failure>\n"
            case .error: x += "      <error type=\"unreadable\" message=\"\(esc(c.message))\"/>\n"
            }
            var out = "method: \(c.method)"
            if let m = c.comparison {
                out += "\nrms: \(fmt(m.rms, 4))\nworstTileRMS: \(fmt(m.worstTileRMS, 3))\nsignificantPixels: \(m.significantPixels)"
                out += "\nantialiasedPixels: \(m.antialiasedPixels)\nshiftedPixels: \(m.shiftedPixels)\nchangedPixels: \(m.changedPixels)"
            }
            if let f = c.fieldPath { out += "\nfield: \(f)" }
            x += "      <system-out>\(esc(out))</system-out>\n"
            x += "    </testcase>\n"
        }
        for o in report.orphans {
            x += "    <testcase classname=\"orphaned goldens\" name=\"\(esc(o))\" time=\"0\">\n"
            x += "      <skipped message=\"no config produces this golden (remove it with `clusterplot update --prune`)\"/>\n    </testcase>\n"
        }
        x += "  </testsuite>\n</testsuites>\n"
        return x
    }

    static func dataURI(_ png: [UInt8]) -> String { "data:image/png;base64," + Data(png).base64EncodedString() }

    /// Escapes text for HTML/XML content and attributes.
    static func esc(_ s: String) -> String {
        var o = ""
        o.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            case "'": o += "&#39;"
            default: o.append(ch)
            }
        }
        return o
    }
}
