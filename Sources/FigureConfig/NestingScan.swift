import CYaml

/// A pass over libyaml's event stream that finds the first node nested deeper than a limit, before
/// the document is composed into a tree. Composing (Yams) and every later walk of the tree recurse
/// once per level, so a document nested a few thousand levels deep would overflow the stack; this
/// pass keeps only a counter and is linear in the document's size.
enum NestingScan {
    /// The place (1-based line and column) of the first node whose depth is `limit` or more (the
    /// root is at depth 0, the items of a top-level list at depth 1), or nil when there is none or
    /// when the stream has a syntax error before it (the composer then reports that error).
    static func firstTooDeep(_ text: String, limit: Int) -> (line: Int, column: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer -> (line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if depth >= limit { return place(event) }
                    depth += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT:
                    if depth >= limit { return place(event) }
                case YAML_DOCUMENT_START_EVENT:
                    depth = 0
                default:
                    break
                }
            }
        }
    }

    private static func place(_ event: yaml_event_t) -> (line: Int, column: Int) {
        (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
    }
}
