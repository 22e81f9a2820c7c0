/// What a config value looks like: the type of a declared key, used to document the key and to
/// generate an editor schema. Decoding checks the same constraints (see ``ConfigMapping``).
public indirect enum ConfigShape: Sendable, Hashable {
    /// A whole number, optionally bounded (inclusive).
    case integer(min: Int?, max: Int?)
    /// A finite number, optionally bounded (`exclusiveMinimum` when the lower bound is excluded).
    case number(min: Double?, max: Double?, exclusiveMinimum: Bool)
    /// `true` or `false`.
    case boolean
    /// Any text.
    case text
    /// One of fixed names.
    case choice([String])
    /// A list of values of one shape, optionally of a fixed length.
    case list(ConfigShape, count: Int?)
    /// A mapping with declared keys.
    case mapping([ConfigKey])
    /// A mapping whose keys are names chosen by the user (values of one shape).
    case dictionary(ConfigShape)
    /// Any of several shapes.
    case anyOf([ConfigShape])

    /// A number with an inclusive range.
    public static func number(_ range: ClosedRange<Double>) -> ConfigShape {
        .number(min: range.lowerBound, max: range.upperBound, exclusiveMinimum: false)
    }
    /// A number above `low` (exclusive) and at most `max`.
    public static func number(above low: Double, max: Double? = nil) -> ConfigShape {
        .number(min: low, max: max, exclusiveMinimum: true)
    }
    /// Any finite number.
    public static var anyNumber: ConfigShape { .number(min: nil, max: nil, exclusiveMinimum: false) }
    /// A whole number in a range.
    public static func integer(_ range: ClosedRange<Int>) -> ConfigShape { .integer(min: range.lowerBound, max: range.upperBound) }
    /// A `random_state` seed (0…4294967295).
    public static var seed: ConfigShape { .integer(min: 0, max: Int(UInt32.max)) }
    /// A list of `count` numbers.
    public static func numbers(count: Int? = nil) -> ConfigShape { .list(anyNumber, count: count) }
    /// A typed choice's names.
    public static func choice<T: ConfigChoice>(_ type: T.Type) -> ConfigShape { .choice(T.configNames) }
}

/// A declared config key: its name, the shape of its value and a one-line summary. Each section of
/// the schema lists its keys as data, so unknown keys, the documentation tables (checked by a test)
/// and the editor schema all come from one declaration.
public struct ConfigKey: Sendable, Hashable {
    /// The key as written in YAML.
    public let name: String
    /// The value's shape.
    public let shape: ConfigShape
    /// What the key means (one line).
    public let summary: String

    /// Declares a key.
    public init(_ name: String, _ shape: ConfigShape, _ summary: String = "") {
        self.name = name
        self.shape = shape
        self.summary = summary
    }
}

extension Array where Element == ConfigKey {
    /// The declared names, in order.
    public var names: [String] { map(\.name) }
}

/// A set of named values a config key can take (`xscale: log`), mapped to a typed value.
public protocol ConfigChoice: CaseIterable {
    /// The name written in configs.
    var configName: String { get }
}

extension ConfigChoice {
    /// Every accepted name, in declaration order.
    public static var configNames: [String] { allCases.map(\.configName) }

    /// The value with this config name, or nil.
    public init?(configName: String) {
        guard let v = Self.allCases.first(where: { $0.configName == configName }) else { return nil }
        self = v
    }
}

extension ConfigChoice where Self: RawRepresentable, RawValue == String {
    /// The raw value is the config name.
    public var configName: String { rawValue }
}
