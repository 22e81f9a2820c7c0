import Foundation

/// The files of `check --results DIR`: for every golden that failed or is missing, the expected,
/// actual and diff images as PNGs (`<name>.expected.png`, `.actual.png`, `.diff.png`; a PDF's worst
/// page), and `summary.json` with every case — for CI systems that upload artefacts or comment on
/// pull requests. Nothing in it depends on timing, so the same check gives the same bytes.
public enum GoldenResults {
    /// The summary's file name.
    public static let summaryName = "summary.json"

    /// Paths (relative to the results folder) and bytes, summary last.
    public static func files(_ report: GoldenCheckReport, acceptCommand: (GoldenCaseResult) -> String? = { _ in nil }) throws -> [(path: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        var cases: [[String: Any]] = []
        for c in report.cases {
            var entry: [String: Any] = ["golden": c.name, "config": c.configPath, "format": c.format, "status": c.status.rawValue,
                                        "message": c.message, "method": c.method]
            if c.status == .failed { entry["change"] = c.change }
            if let f = c.fieldPath { entry["field"] = f }
            if c.status != .passed, let a = acceptCommand(c) { entry["accept"] = a }
            if c.status != .passed {
                var images: [String: String] = [:]
                for (kind, png) in [("expected", c.expectedPNG), ("actual", c.actualPNG), ("diff", c.diffPNG)] {
                    guard let png else { continue }
                    let path = "\(c.name).\(kind).png"
                    files.append((path, png)); images[kind] = path
                }
                if !images.isEmpty { entry["images"] = images }
            }
            if let m = c.comparison {
                entry["metrics"] = ["rms": m.rms, "worstTileRMS": m.worstTileRMS, "significantPixels": m.significantPixels,
                                    "antialiasedPixels": m.antialiasedPixels, "shiftedPixels": m.shiftedPixels, "changedPixels": m.changedPixels]
            }
            cases.append(entry)
        }
        let errors = report.renderErrors.map { ["config": $0.configPath, "message": $0.message] }
        let summary: [String: Any] = [
            "counts": ["passed": report.count(.passed), "failed": report.count(.failed), "missing": report.count(.missing),
                       "errors": report.count(.error) + report.renderErrors.count, "orphaned": report.orphans.count],
            "exitCode": Int(report.exitCode), "cases": cases, "renderErrors": errors, "orphans": report.orphans,
            "environment": report.environment,
        ]
        let json = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        files.append((summaryName, [UInt8](json) + [0x0A]))
        return files
    }
}
