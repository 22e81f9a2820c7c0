import FigureConfig

/// A JSON Schema (draft 2020-12) of figure configs, generated from the same key declarations the
/// loader checks (``FigureLoader/topLevelKeys`` and the shapes nested in them), for editors:
/// VS Code's YAML extension completes and validates a config that starts with
/// `# yaml-language-server: $schema=<path>/schema/figure-config.schema.json`.
public enum JSONSchemaExport {
    /// The figure-config schema as a JSON document.
    public static func figureConfig() -> JSONValue {
        document(FigureLoader.topLevelKeys, file: "figure-config.schema.json", title: "clusterplot figure config",
                 source: "Gallery.JSONSchemaExport", docs: "docs/config.md")
    }

    /// A schema document: the keys' object with its identification first.
    static func document(_ keys: [ConfigKey], file: String, title: String, source: String, docs: String) -> JSONValue {
        var root = object(keys)
        root.insert(contentsOf: [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://clusterplot.invalid/schema/\(file)")),
            ("title", .string(title)),
            ("description", .string("Generated from ClusterPlot's key declarations (\(source)); see \(docs).")),
        ], at: 0)
        return .object(root)
    }

    /// The schema text as committed (`schema/figure-config.schema.json`): indented, trailing newline.
    public static func figureConfigText() -> String { figureConfig().serialized(indent: 2) + "\n" }

    /// The handout and slide-deck schema (``DocumentSchema``), for `# yaml-language-server: $schema=…`
    /// in document configs.
    public static func documentConfig() -> JSONValue {
        document(DocumentSchema.topLevelKeys, file: "document-config.schema.json", title: "clusterplot handout or slide deck",
                 source: "FigureConfig.DocumentSchema", docs: "docs/handouts.md")
    }

    /// The document schema text as committed (`schema/document-config.schema.json`).
    public static func documentConfigText() -> String { documentConfig().serialized(indent: 2) + "\n" }

    /// A mapping's declared keys; the data section (the top level's and each comparison row's) also
    /// takes one key per data source kind, whose keys each kind declares.
    static func object(_ declared: [ConfigKey]) -> [(String, JSONValue)] {
        var keys = declared
        if declared.names == DataSpec.keys.names {
            // `concat:` takes a list of the other sources.
            let sources = DataSourceKind.registry.filter { $0.key != "concat" }.map { ConfigKey($0.key, .mapping($0.keys), $0.summary) }
            keys += DataSourceKind.registry.map {
                ConfigKey($0.key, $0.key == "concat" ? .list(.mapping(sources), count: nil) : .mapping($0.keys), $0.summary)
            }
        }
        return [("type", .string("object")), ("additionalProperties", .bool(false)),
         ("properties", .object(keys.map { key in
             var s = schema(key.shape)
             if !key.summary.isEmpty { s.append(("description", .string(key.summary))) }
             return (key.name, .object(s))
         }))]
    }

    /// A layer's keys as in ``ConfigSchema/layerKeys``, but a key that several kinds declare with
    /// different shapes (`colors`: a list for silhouettes, a list or 'cycle' for ellipses) takes any of them.
    static var layerItemKeys: [ConfigKey] {
        var keys = ConfigSchema.layerKeys
        for kind in LayerKind.registry {
            for k in kind.keys {
                guard let i = keys.firstIndex(where: { $0.name == k.name }), keys[i].shape != k.shape else { continue }
                var shapes: [ConfigShape]
                if case let .anyOf(old) = keys[i].shape { shapes = old } else { shapes = [keys[i].shape] }
                if !shapes.contains(k.shape) { shapes.append(k.shape) }
                keys[i] = ConfigKey(keys[i].name, .anyOf(shapes), keys[i].summary)
            }
        }
        return keys
    }

    static func schema(_ shape: ConfigShape) -> [(String, JSONValue)] {
        switch shape {
        case let .integer(min, max):
            return [("type", .string("integer"))] + (min.map { [("minimum", .int($0))] } ?? []) + (max.map { [("maximum", .int($0))] } ?? [])
        case let .number(min, max, exclusive):
            return [("type", .string("number"))]
                + (min.map { [(exclusive ? "exclusiveMinimum" : "minimum", .double($0))] } ?? [])
                + (max.map { [("maximum", .double($0))] } ?? [])
        case .boolean: return [("type", .string("boolean"))]
        case .text: return [("type", .string("string"))]
        case let .choice(names): return [("enum", .array(names.map(JSONValue.string)))]
        case .list(.mapping([]), _):
            // `layers:` declares its items by layer kind (ConfigSchema.layerKeys: mark, from, styling, each kind's keys).
            return [("type", .string("array")), ("items", .object(object(layerItemKeys)))]
        case let .list(item, count):
            return [("type", .string("array")), ("items", .object(schema(item)))]
                + (count.map { [("minItems", .int($0)), ("maxItems", .int($0))] } ?? [])
        case let .mapping(keys): return object(keys)
        case let .dictionary(value): return [("type", .string("object")), ("additionalProperties", .object(schema(value)))]
        case let .anyOf(shapes): return [("anyOf", .array(shapes.map { .object(schema($0)) }))]
        }
    }
}
