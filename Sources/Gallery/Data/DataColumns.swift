import FigureConfig

extension DataSpec {
    /// Chooses the other columns of a CSV read with the rows: those the config names anywhere
    /// outside `data:` — as a value (`x: petal_length`, `by: species`, a profile's `columns`) or as a
    /// key (`where: {species: setosa}`). A column named needlessly only costs its reading.
    mutating func readColumnsNamed(in root: ConfigNode) {
        guard var csv = source as? CSVSource else { return }
        var mentioned = Set<String>()
        func walk(_ n: ConfigNode) {
            switch n.kind {
            case let .scalar(s, _): mentioned.insert(s)
            case let .sequence(items): items.forEach(walk)
            case let .mapping(pairs):
                for p in pairs {
                    if let k = p.key.scalar { mentioned.insert(k) }
                    walk(p.value)
                }
            }
        }
        if case let .mapping(pairs) = root.kind { for p in pairs where p.key.scalar != "data" { walk(p.value) } }
        csv.others = csv.otherNames.filter { mentioned.contains($0) || mentioned.contains("\(FieldRef.dataOwner).\($0)") }
        source = csv
    }
}
