import CCairo

/// Appends `path` to the current path of the Cairo context `cr`, every point moved by (dx, dy): the
/// one place a `Path` becomes Cairo path operations (strokes and fills, marker shapes, marker glyphs).
func appendCairoPath(_ path: Path, to cr: OpaquePointer, dx: Double = 0, dy: Double = 0) {
    for e in path.elements {
        switch e {
        case .move(let p): cairo_move_to(cr, p.x + dx, p.y + dy)
        case .line(let p): cairo_line_to(cr, p.x + dx, p.y + dy)
        case .curve(let a, let b, let c): cairo_curve_to(cr, a.x + dx, a.y + dy, b.x + dx, b.y + dy, c.x + dx, c.y + dy)
        case .close: cairo_close_path(cr)
        }
    }
}

/// Cairo's names for line caps and joins.
extension LineCap {
    var cairoValue: cairo_line_cap_t {
        switch self {
        case .butt: return CAIRO_LINE_CAP_BUTT
        case .round: return CAIRO_LINE_CAP_ROUND
        case .square: return CAIRO_LINE_CAP_SQUARE
        }
    }
}

extension LineJoin {
    var cairoValue: cairo_line_join_t {
        switch self {
        case .miter: return CAIRO_LINE_JOIN_MITER
        case .round: return CAIRO_LINE_JOIN_ROUND
        case .bevel: return CAIRO_LINE_JOIN_BEVEL
        }
    }
}
