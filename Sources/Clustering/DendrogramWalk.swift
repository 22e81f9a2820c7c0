/// scipy's `_dendrogram_calculate_info` as an explicit-stack walk (same visiting order, same
/// arithmetic: a leaf at `iv + 5`, width 10, a link's top at `(left + right) / 2`).
struct DendrogramWalk {
    let tree: LinkageTree
    let truncation: Dendrogram.Truncation
    let threshold: Double
    let childOrder: Dendrogram.ChildOrder
    let labels: [String]?
    let showLeafCounts: Bool
    let paletteSize: Int

    var links: [Dendrogram.Link] = []
    var leaves: [Int] = []
    var labelsOut: [String] = []
    /// scipy's `current_color[0]` and `currently_below_threshold[0]`.
    var currentColor = 0
    var belowThreshold = false

    init(
        tree: LinkageTree, truncation: Dendrogram.Truncation, threshold: Double, childOrder: Dendrogram.ChildOrder,
        labels: [String]?, showLeafCounts: Bool, paletteSize: Int
    ) {
        self.tree = tree
        self.threshold = threshold
        self.childOrder = childOrder
        self.labels = labels
        self.showLeafCounts = showLeafCounts
        self.paletteSize = paletteSize
        let n = tree.leafCount
        // dendrogram()'s normalisation of p.
        switch truncation {
        case let .lastMerges(p): self.truncation = .lastMerges(p > n || p == 0 ? n : p)
        case let .levels(p): self.truncation = .levels(p <= 0 ? Int.max : p)
        case .none: self.truncation = .none
        }
    }

    /// What a call returns: the centre of the subtree's U, its width, its height.
    typealias Placement = (center: Double, width: Double, height: Double)

    /// A pending call on a merge node, with the values of its first child once known.
    struct Frame {
        let node: Int
        let iv: Double
        let level: Int
        var stage = 0
        var ua = 0, ub = 0
        var left: Placement = (0, 0, 0)
        var color = Dendrogram.LinkColor.aboveThreshold
    }

    private var n: Int { tree.leafCount }

    private mutating func appendSingleton(_ i: Int) {
        leaves.append(i)
        labelsOut.append(labels?[i] ?? String(i))
    }

    private mutating func appendContracted(_ i: Int) {
        leaves.append(i)
        labelsOut.append(showLeafCounts ? "(\(tree.counts[i - n]))" : "")
    }

    /// The placement of node `i` if it is drawn as a leaf (a sample, or a contracted cluster).
    private mutating func leafPlacement(_ i: Int, iv: Double, level: Int) -> Placement? {
        switch truncation {
        case let .lastMerges(p):
            if 2 * n - p > i && i >= n {
                appendContracted(i)
                return (iv + 5.0, 10.0, 0.0)
            }
        case let .levels(p):
            if i > n && level > p {
                appendContracted(i)
                return (iv + 5.0, 10.0, 0.0)
            }
        case .none:
            break
        }
        if i < n {
            appendSingleton(i)
            return (iv + 5.0, 10.0, 0.0)
        }
        return nil
    }

    private func count(_ node: Int) -> Int { node >= n ? tree.counts[node - n] : 1 }
    private func height(_ node: Int) -> Double { node >= n ? tree.distances[node - n] : 0.0 }

    /// (left, right) children of merge node `i` under the child order.
    private func orderedChildren(_ i: Int) -> (Int, Int) {
        let pair = tree.children[i - n]
        let aa = pair.first, ab = pair.second
        switch childOrder {
        case .tree: return (aa, ab)
        case .countAscending: return count(aa) > count(ab) ? (ab, aa) : (aa, ab)
        case .countDescending: return count(aa) > count(ab) ? (aa, ab) : (ab, aa)
        case .distanceAscending: return height(aa) > height(ab) ? (ab, aa) : (aa, ab)
        case .distanceDescending: return height(aa) > height(ab) ? (aa, ab) : (ab, aa)
        }
    }

    mutating func run() {
        let root = 2 * n - 2
        if leafPlacement(root, iv: 0.0, level: 0) != nil { return }
        var stack = [Frame(node: root, iv: 0.0, level: 0)]
        var result: Placement = (0, 0, 0)
        while var frame = stack.popLast() {
            let child: Int
            let childIV: Double
            switch frame.stage {
            case 0:
                (frame.ua, frame.ub) = orderedChildren(frame.node)
                child = frame.ua
                childIV = frame.iv
            case 1:
                frame.left = result
                // The colour is decided between the two subtrees, as in scipy.
                let h = tree.distances[frame.node - n]
                if h >= threshold || threshold <= 0 {
                    if belowThreshold { currentColor = (currentColor + 1) % paletteSize }
                    belowThreshold = false
                    frame.color = .aboveThreshold
                } else {
                    belowThreshold = true
                    frame.color = .cluster(currentColor)
                }
                child = frame.ub
                childIV = frame.iv + frame.left.width
            default:
                let right = result
                let h = tree.distances[frame.node - n]
                let l = frame.left
                links.append(Dendrogram.Link(
                    node: frame.node, icoord: [l.center, l.center, right.center, right.center],
                    dcoord: [l.height, h, h, right.height], color: frame.color))
                result = ((l.center + right.center) / 2, l.width + right.width, h)
                continue
            }
            frame.stage += 1
            stack.append(frame)
            if let placed = leafPlacement(child, iv: childIV, level: frame.level + 1) {
                result = placed
            } else {
                stack.append(Frame(node: child, iv: childIV, level: frame.level + 1))
            }
        }
    }
}
