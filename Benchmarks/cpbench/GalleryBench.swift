import Dispatch
import FigureConfig
import Foundation
import Gallery

/// Benchmarks of the Gallery module, by name; each gets the remaining command-line arguments.
///
/// - `gallery [CONFIG_DIR] [RUNS]`: in-process time per stage (load, compute, build + render PNG
///   and PDF) for every config of the folder (default `Fixtures/configs`), median of RUNS (default 9).
let galleryBenchmarks: [String: @Sendable ([String]) throws -> Void] = [
    "gallery": { args in
        let dir = args.first ?? "Fixtures/configs"
        let runs = args.count > 1 ? max(1, Int(args[1]) ?? 9) : 9
        let (files, errors) = ConfigFiles.expand([dir])
        if let e = errors.first { throw e }
        func ms(_ body: () throws -> Void) rethrows -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        }
        func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }
        print("config".padding(toLength: 16, withPad: " ", startingAt: 0) + "   load ms  compute ms  render png+pdf ms")
        for file in files {
            var load: [Double] = [], compute: [Double] = [], render: [Double] = []
            for _ in 0..<runs {
                var spec: FigureSpec!
                load.append(try ms { spec = try FigureLoader.load(path: file, overrides: [Override(parsing: "output.formats=[png, pdf]")]) })
                var data: FigureData!
                compute.append(try ms { data = try FigureData.compute(spec) })
                render.append(try ms {
                    let fig = try FigureBuilder.figure(for: spec, data: data)
                    for f in spec.output.formats { _ = try fig.render(format: f) }
                })
            }
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            print(name.padding(toLength: 16, withPad: " ", startingAt: 0)
                  + String(format: "%10.2f  %10.2f  %17.2f", median(load), median(compute), median(render)))
        }
    },
]
