import Foundation

/// A table of text and numbers: a header row, typed cells, column alignment by type, number
/// formatting, zebra rows and per-cell highlights. Lays itself out with the renderer's font
/// metrics, wraps long text, and splits across pages between rows with the header repeated.
public struct Table: Sendable {
    /// One cell value.
    public enum Cell: Hashable, Sendable {
        /// Text, left-aligned by default.
        case text(String)
        /// A number, right-aligned, written with the column's decimals.
        case number(Double)
        /// An integer, right-aligned.
        case integer(Int)
        /// Nothing.
        case empty

        /// Whether the cell holds a number or an integer.
        public var isNumeric: Bool {
            switch self { case .number, .integer: return true; default: return false }
        }

        var numericValue: Double? {
            switch self {
            case .number(let d): return d
            case .integer(let i): return Double(i)
            default: return nil
            }
        }
    }

    /// A column's header and formatting.
    public struct Column: Hashable, Sendable {
        /// The header text.
        public var title: String
        /// Explicit alignment; nil aligns numbers right and text left.
        public var alignment: HorizontalAlignment?
        /// Decimals for non-integer numbers (nil: 4).
        public var decimals: Int?

        /// A column titled `title`.
        public init(_ title: String, alignment: HorizontalAlignment? = nil, decimals: Int? = nil) {
            self.title = title; self.alignment = alignment; self.decimals = decimals
        }
    }

    /// Which cells a min/max highlight compares.
    public enum Direction: String, Sendable, CaseIterable { case row, column }
    /// Which extreme a highlight marks.
    public enum Extremum: String, Sendable, CaseIterable { case min, max }

    /// The table's look.
    public struct Style: Hashable, Sendable {
        /// Text size in points.
        public var fontSize: Double = 9
        /// Text colour.
        public var textColor = Color(red8: 0x26, green8: 0x26, blue8: 0x26)
        /// Header row background.
        public var headerBackground = Color(red8: 0xee, green8: 0xf0, blue8: 0xf4)
        /// Background of every other row; nil for none.
        public var zebraBackground: Color? = Color(red8: 0xf8, green8: 0xf9, blue8: 0xfb)
        /// Colour of the rules under the header and the table.
        public var ruleColor = Color(red8: 0xcc, green8: 0xcc, blue8: 0xcc)
        /// Background of highlighted cells.
        public var highlightColor = Color(red8: 0x90, green8: 0xee, blue8: 0x90)  // CSS lightgreen, as the app
        /// Space left and right of a cell's text, in points.
        public var horizontalPadding: Double = 5
        /// Space above and below a cell's text, in points.
        public var verticalPadding: Double = 3
        /// The default look.
        public init() {}
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// The body rows, one cell per column.
    public var rows: [[Cell]]
    /// The look.
    public var style = Style()
    /// Background colours of single cells, keyed by (row, column).
    public var highlights: [CellIndex: Color] = [:]
    /// The columns a "highlight the row minimum" rule should compare, when not all numeric columns
    /// (e.g. only the distance columns of a distance table). Nil: every numeric column.
    public var highlightColumns: [Int]?

    /// A cell position.
    public struct CellIndex: Hashable, Sendable {
        /// The body row (0 is the first row under the header).
        public var row: Int
        /// The column.
        public var column: Int
        /// The cell at (row, column).
        public init(row: Int, column: Int) { self.row = row; self.column = column }
    }

    /// A table; short rows are padded with empty cells, long ones cut.
    public init(columns: [Column], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows.map { r in
            r.count >= columns.count ? Array(r.prefix(columns.count)) : r + Array(repeating: .empty, count: columns.count - r.count)
        }
    }

    /// Highlights the smallest (or largest) numeric cell of each row (or column), looking only at
    /// `columnIndices` (all columns when nil). Ties are all highlighted, as pandas' style does.
    public mutating func highlight(_ extremum: Extremum, along direction: Direction, columns columnIndices: [Int]? = nil, color: Color? = nil) {
        let cols = columnIndices ?? Array(columns.indices)
        let c = color ?? style.highlightColor
        func mark(_ cells: [(CellIndex, Double)]) {
            guard let best = extremum == .min ? cells.map(\.1).min() : cells.map(\.1).max() else { return }
            for (idx, v) in cells where v == best { highlights[idx] = c }
        }
        switch direction {
        case .row:
            for r in rows.indices {
                mark(cols.compactMap { col in rows[r][col].numericValue.map { (CellIndex(row: r, column: col), $0) } })
            }
        case .column:
            for col in cols {
                mark(rows.indices.compactMap { r in rows[r][col].numericValue.map { (CellIndex(row: r, column: col), $0) } })
            }
        }
    }

    /// The text shown for a cell.
    public func formatted(_ cell: Cell, column: Int) -> String {
        switch cell {
        case .text(let s): return s
        case .integer(let i): return i < 0 ? "\u{2212}\(-i)" : "\(i)"
        case .number(let d):
            guard d.isFinite else { return d.isNaN ? "NaN" : (d > 0 ? "∞" : "\u{2212}∞") }
            let s = String(format: "%.\(columns[column].decimals ?? 4)f", d)
            guard s.hasPrefix("-") else { return s }
            // A value that rounds to zero shows no sign.
            let digits = s.dropFirst()
            return digits.allSatisfy { $0 == "0" || $0 == "." } ? String(digits) : "\u{2212}" + digits
        case .empty: return ""
        }
    }

    func alignment(of column: Int) -> HorizontalAlignment {
        if let a = columns[column].alignment { return a }
        let numeric = rows.contains { $0[column].isNumeric } && rows.allSatisfy { $0[column].isNumeric || $0[column] == .empty }
        return numeric ? .right : .left
    }

    /// Lays the table out to fit `maxWidth` points.
    public func layout(maxWidth: Double, measure: Renderer) -> TableLayout {
        TableLayout(table: self, maxWidth: maxWidth, measure: measure)
    }

    /// Renders the table alone (PNG, PDF or SVG), sized to its content.
    public func render(format: OutputFormat, maxWidth: Double = 560, dpi: Double = 150, margin: Double = 4) throws -> [UInt8] {
        // Measure with a throwaway canvas, then draw on one of the right size.
        var measured: TableLayout?
        _ = try Canvas.render(format: .svg, size: Size(width: 1, height: 1)) { r in
            measured = self.layout(maxWidth: maxWidth, measure: r)
        }
        guard let layout = measured else { throw OutputError("table layout failed") }
        let size = Size(width: layout.width + 2 * margin, height: layout.height(rows: 0..<rows.count) + 2 * margin)
        return try Canvas.render(format: format, size: size, dpi: dpi) { r in
            let l = self.layout(maxWidth: maxWidth, measure: r)
            l.draw(in: r, at: Point(x: margin, y: margin), rows: 0..<self.rows.count)
        }
    }
}

/// A table laid out for one width: column widths, wrapped cell text, row heights.
public struct TableLayout: Sendable {
    /// The table laid out.
    public let table: Table
    /// Column widths in points.
    public let columnWidths: [Double]
    /// Header row height in points.
    public let headerHeight: Double
    /// Body row heights in points.
    public let rowHeights: [Double]
    /// Font size actually used (smaller than the style's when numbers alone could not fit).
    public let fontSize: Double
    /// Human-readable warnings (e.g. shrunk text, words broken inside).
    public let warnings: [String]
    private let headerCells: [TextBlockLayout]
    private let cells: [[TextBlockLayout]]

    /// The table width.
    public var width: Double { columnWidths.reduce(0, +) }

    /// Height of the header plus the given rows.
    public func height(rows: Range<Int>) -> Double {
        headerHeight + rows.reduce(0) { $0 + rowHeights[$1] }
    }

    init(table: Table, maxWidth: Double, measure: Renderer) {
        self.table = table
        let st = table.style
        var warnings: [String] = []
        let n = table.columns.count
        var fontSize = st.fontSize
        func base(_ size: Double, bold: Bool = false) -> TextStyle {
            TextStyle(size: size, color: st.textColor, weight: bold ? .bold : .normal)
        }
        func natural(_ size: Double) -> (all: [Double], numeric: [Bool], minimum: [Double]) {
            var widths = [Double](repeating: 0, count: n), minimum = [Double](repeating: 0, count: n)
            var numeric = [Bool](repeating: true, count: n)
            for c in 0..<n {
                let hw = measure.measureText(table.columns[c].title, style: base(size, bold: true)).width
                widths[c] = hw
                // The longest single word bounds how narrow a wrapped column can get.
                minimum[c] = table.columns[c].title.split(separator: " ").map { measure.measureText(String($0), style: base(size, bold: true)).width }.max() ?? 0
                for row in table.rows {
                    let text = table.formatted(row[c], column: c)
                    let w = measure.measureText(text, style: base(size)).width
                    widths[c] = max(widths[c], w)
                    if row[c].isNumeric { minimum[c] = max(minimum[c], w) } else {
                        numeric[c] = numeric[c] && row[c] == .empty
                        let longest = text.split(separator: " ").map { measure.measureText(String($0), style: base(size)).width }.max() ?? 0
                        minimum[c] = max(minimum[c], min(longest, 12 * size))
                    }
                }
            }
            let pad = 2 * st.horizontalPadding
            return (widths.map { $0 + pad }, numeric, minimum.map { $0 + pad })
        }
        var (widths, numeric, minimum) = natural(fontSize)
        // Shrink the font (down to 60 %) while even the narrowest layout cannot fit.
        while minimum.reduce(0, +) > maxWidth && fontSize > st.fontSize * 0.6 {
            fontSize *= 0.9
            (widths, numeric, minimum) = natural(fontSize)
        }
        if fontSize < st.fontSize {
            warnings.append(String(format: "table text shrunk from %.1f to %.1f pt to fit %.0f pt", st.fontSize, fontSize, maxWidth))
        }
        var total = widths.reduce(0, +)
        if total > maxWidth {
            // Give text columns less room, down to their minimum, in proportion to their excess.
            let excess = total - maxWidth
            let slack = zip(widths, minimum).map { max(0, $0 - $1) }
            let slackTotal = slack.reduce(0, +)
            if slackTotal > 0 {
                let f = min(1, excess / slackTotal)
                widths = zip(widths, slack).map { $0 - $1 * f }
            }
            total = widths.reduce(0, +)
        }
        _ = numeric
        columnWidths = widths
        self.fontSize = fontSize
        let lineSpacing = 1.2
        var header: [TextBlockLayout] = []
        var hh = 0.0
        for c in 0..<n {
            let l = TextBlockLayout(RichText(plain: table.columns[c].title), width: widths[c] - 2 * st.horizontalPadding,
                                    base: base(fontSize, bold: true), lineSpacing: lineSpacing, measure: measure)
            header.append(l)
            hh = max(hh, l.height)
        }
        headerCells = header
        headerHeight = hh + 2 * st.verticalPadding
        var cells: [[TextBlockLayout]] = []
        var heights: [Double] = []
        for row in table.rows {
            var laid: [TextBlockLayout] = []
            var h = fontSize * lineSpacing
            for c in 0..<n {
                let l = TextBlockLayout(RichText(plain: table.formatted(row[c], column: c)), width: widths[c] - 2 * st.horizontalPadding,
                                        base: base(fontSize), lineSpacing: lineSpacing, measure: measure)
                if !l.brokenWords.isEmpty { warnings.append("table cell word too long, broken: \(l.brokenWords.joined(separator: ", "))") }
                laid.append(l)
                h = max(h, l.height)
            }
            cells.append(laid)
            heights.append(h + 2 * st.verticalPadding)
        }
        self.cells = cells
        rowHeights = heights
        self.warnings = warnings
    }

    /// How many rows starting at `start` fit in `height` points below a header (at least one, so
    /// a row taller than a page still makes progress).
    public func rowsFitting(height: Double, from start: Int) -> Int {
        var used = headerHeight
        var count = 0
        for r in start..<rowHeights.count {
            if used + rowHeights[r] > height && count > 0 { break }
            used += rowHeights[r]
            count += 1
        }
        return count
    }

    /// Draws the header and the given rows with the top-left corner at `origin`.
    public func draw(in renderer: Renderer, at origin: Point, rows: Range<Int>) {
        let st = table.style
        let w = width
        var y = origin.y
        func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ c: Color) {
            var p = Path(); p.addRect(Rect(x: x, y: y, width: w, height: h))
            renderer.drawPath(p, fill: c, stroke: nil)
        }
        func rule(_ y: Double, width lw: Double) {
            var p = Path(); p.addPolyline([Point(x: origin.x, y: y), Point(x: origin.x + w, y: y)])
            renderer.drawPath(p, fill: nil, stroke: StrokeStyle(color: st.ruleColor, width: lw, snapsToPixels: true))
        }
        func cellText(_ l: TextBlockLayout, _ c: Int, _ x: Double, _ y: Double) {
            let inner = columnWidths[c] - 2 * st.horizontalPadding
            l.draw(in: renderer, at: Point(x: x + st.horizontalPadding, y: y + st.verticalPadding),
                   alignment: table.alignment(of: c), width: inner)
        }
        rect(origin.x, y, w, headerHeight, st.headerBackground)
        var x = origin.x
        for c in columnWidths.indices {
            cellText(headerCells[c], c, x, y)
            x += columnWidths[c]
        }
        y += headerHeight
        rule(y, width: 1)
        for (i, r) in rows.enumerated() {
            let h = rowHeights[r]
            if let z = st.zebraBackground, i % 2 == 1 { rect(origin.x, y, w, h, z) }
            x = origin.x
            for c in columnWidths.indices {
                if let hl = table.highlights[Table.CellIndex(row: r, column: c)] { rect(x, y, columnWidths[c], h, hl) }
                cellText(cells[r][c], c, x, y)
                x += columnWidths[c]
            }
            y += h
            rule(y, width: 0.5)
        }
    }
}
