import Foundation
/// One command-line override, `KEY.PATH=VALUE` (`--set data.blobs.samples=500`).
///
/// The value is read as a YAML scalar or flow collection (`500`, `true`, `[12, 8]`, `"text"`). Path
/// components are mapping keys or, inside lists, 0-based indices (`panels.0.title=Hello`).
public struct Override: Sendable, Hashable {
    /// The argument as typed, used as the "file" of error messages (`--set figure.dpi=0`).
    public var label: String
    /// The key path components.
    public var path: [String]
    /// The raw value text.
    public var value: String
    /// Column (1-based, within `label`) where each path component starts, and where the value starts.
    var componentColumns: [Int]
    var valueColumn: Int
    /// A value built by a typed CLI option instead of YAML text.
    var node: ConfigNode?
    /// Where the key was written when it comes from a file (a document's `set:`), else nil (a CLI argument).
    var keyLocation: SourceLocation?

    /// The most characters of the argument shown as the "file" of a message.
    static let maxLabel = 200

    /// Parses `KEY.PATH=VALUE`; `option` is the flag shown in messages (`--set`).
    public init(parsing argument: String, option: String = "--set") throws {
        label = "\(option) \(Echo.clipped(argument, limit: Override.maxLabel))"
        let prefix = option.count + 1
        guard let eq = argument.firstIndex(of: "=") else {
            throw ConfigError("expected KEY=VALUE, e.g. data.blobs.samples=500", at: SourceLocation(file: label, line: 1, column: prefix + 1))
        }
        let key = String(argument[..<eq])
        value = String(argument[argument.index(after: eq)...])
        valueColumn = prefix + key.count + 2
        var comps: [String] = []
        var cols: [Int] = []
        var col = prefix + 1
        for part in key.split(separator: ".", omittingEmptySubsequences: false) {
            comps.append(String(part))
            cols.append(col)
            col += part.count + 1
        }
        guard !key.isEmpty, comps.allSatisfy({ !$0.isEmpty }) else {
            throw ConfigError("the key path \(Echo.quoted(key)) has an empty part", at: SourceLocation(file: label, line: 1, column: prefix + 1))
        }
        // A key path nests like the document does, so it has the same limit (and `set` recurses per part).
        guard comps.count <= ConfigLimits.maxNesting else {
            throw ConfigError("the key path has \(ConfigReader.count(comps.count)) parts; at most \(ConfigLimits.maxNesting) (the nesting limit)",
                              at: SourceLocation(file: label, line: 1, column: cols[ConfigLimits.maxNesting]))
        }
        path = comps
        componentColumns = cols
    }

    /// An override produced by a dedicated CLI option (`--dpi 200` → `output.dpi`).
    public init(path: [String], value: String, label: String) {
        self.label = label
        self.path = path
        self.value = value
        componentColumns = Array(repeating: 1, count: path.count)
        valueColumn = 1
    }

    /// An override that sets a list of plain names from comma-separated text (`--format png,pdf` →
    /// `output.formats`); each name is located at its column in `label`, which ends with `text`.
    public init(path: [String], commaSeparated text: String, label: String) {
        self.label = label
        self.path = path
        self.value = text
        componentColumns = Array(repeating: 1, count: path.count)
        valueColumn = max(1, label.count - text.count + 1)
        var col = valueColumn
        var nodes: [ConfigNode] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let lead = part.prefix { $0 == " " }.count
            let name = part.trimmingCharacters(in: .whitespaces)
            nodes.append(ConfigNode(.scalar(name, quoted: false), at: SourceLocation(file: label, line: 1, column: col + lead)))
            col += part.count + 1
        }
        node = ConfigNode(.sequence(nodes), at: SourceLocation(file: label, line: 1, column: valueColumn))
    }

    /// An override written in another file — a document config's `set: {KEY.PATH: VALUE}` on an
    /// embedded figure: the value is that file's node, and problems with the key are reported
    /// where the key was written.
    public init(path: [String], node: ConfigNode, keyLocation: SourceLocation) {
        label = keyLocation.file
        self.path = path
        value = node.scalar ?? ""
        componentColumns = Array(repeating: keyLocation.column, count: path.count)
        valueColumn = node.location.column
        self.node = node
        self.keyLocation = keyLocation
    }

    func location(ofComponent i: Int) -> SourceLocation {
        if let keyLocation { return keyLocation }
        return SourceLocation(file: label, line: 1, column: componentColumns[min(i, componentColumns.count - 1)])
    }

    /// Applies the override to a document tree.
    public func apply(to root: inout ConfigNode) throws {
        if let node { return try set(&root, index: 0, to: node) }
        var parsed = try ConfigNode.parse(yaml: value.isEmpty ? "''" : value, file: label)
        parsed.shift(columns: valueColumn - 1)
        try set(&root, index: 0, to: parsed)
    }

    private func set(_ node: inout ConfigNode, index i: Int, to value: ConfigNode) throws {
        let key = path[i]
        let keyPath = path[...i].joined(separator: ".")
        let isLast = i == path.count - 1
        switch node.kind {
        case var .mapping(pairs):
            if let j = pairs.firstIndex(where: { $0.key.scalar == key }) {
                if isLast { pairs[j].value = value } else { try set(&pairs[j].value, index: i + 1, to: value) }
            } else {
                let keyNode = ConfigNode(.scalar(key, quoted: false), at: location(ofComponent: i))
                var child = ConfigNode(.mapping([]), at: location(ofComponent: i))
                if isLast { child = value } else { try set(&child, index: i + 1, to: value) }
                pairs.append((keyNode, child))
            }
            node.kind = .mapping(pairs)
        case var .sequence(items):
            guard let j = Int(key), j >= 0 else {
                throw ConfigError("'\(path[..<i].joined(separator: "."))' is a list; use a 0-based index instead of '\(key)'",
                                  at: location(ofComponent: i), keyPath: keyPath)
            }
            guard j < items.count else {
                throw ConfigError("index \(j) is out of range: the list has \(items.count) item\(items.count == 1 ? "" : "s")",
                                  at: location(ofComponent: i), keyPath: keyPath)
            }
            if isLast { items[j] = value } else { try set(&items[j], index: i + 1, to: value) }
            node.kind = .sequence(items)
        case .scalar:
            if node.isNull {
                node = ConfigNode(.mapping([]), at: location(ofComponent: i))
                try set(&node, index: i, to: value)
                return
            }
            throw ConfigError("cannot set '\(key)': '\(path[..<i].joined(separator: "."))' is \(node.typeName) (\(node.location)), not a mapping",
                              at: location(ofComponent: i), keyPath: keyPath)
        }
    }
}

extension ConfigNode {
    /// Moves every first-line location right by `columns` (values parsed out of a `--set` argument).
    mutating func shift(columns: Int) {
        if location.line == 1 { location.column += columns }
        switch kind {
        case .scalar: break
        case var .sequence(items):
            for j in items.indices { items[j].shift(columns: columns) }
            kind = .sequence(items)
        case var .mapping(pairs):
            for j in pairs.indices { pairs[j].key.shift(columns: columns); pairs[j].value.shift(columns: columns) }
            kind = .mapping(pairs)
        }
    }
}
