import FigureConfig
import Foundation

/// The work budget: before anything runs, each analysis estimates the most work it can do on the
/// data (``AnalysisSpec/workEstimate(rows:columns:)``), and a config whose total is over the budget
/// is refused with a located error naming the keys that drive it. Values each in range can be absurd
/// together (10 M points × k = 100,000 × n_init 1,000 × max_iter 100,000 would run for days);
/// `clustering.budget` (or `--budget`) raises the limit deliberately.
public enum WorkBudget {
    /// The default budget: 10¹² operations (a few minutes at worst on two cores).
    public static let defaultOperations = 1e12

    /// Reports the analyses of `spec` when their estimates together exceed its budget.
    static func check(_ spec: FigureSpec, rows: Int, columns: Int, _ reader: ConfigReader) {
        let estimates = spec.analyses.compactMap { a in a.workEstimate(rows: rows, columns: columns).map { (a, $0) } }
        let total = estimates.reduce(0) { $0 + $1.1.operations }
        guard total > spec.workBudget, let worst = estimates.max(by: { $0.1.operations < $1.1.operations }) else { return }
        reader.fail("the analyses could take up to \(format(total)) operations — \(worst.0.keyPath) (\(worst.1.keys)) alone "
                    + "\(format(worst.1.operations)) — more than the work budget of \(format(spec.workBudget)); lower these keys, or raise clustering.budget (--budget) deliberately",
                    at: worst.0.location, worst.0.keyPath)
    }

    /// `3.2e+15`.
    static func format(_ v: Double) -> String { String(format: "%.2g", v) }
}
