import Plotting

// Plotting's own enums are the typed values of config keys: their config names are their raw
// values, so there is no second list of names to keep in step.

extension AxisScale: ConfigChoice {}
extension OutputFormat: ConfigChoice {}
extension LegendLocation: ConfigChoice {}
extension PageFormat: ConfigChoice {}
extension Table.Extremum: ConfigChoice {}
extension Table.Direction: ConfigChoice {}
