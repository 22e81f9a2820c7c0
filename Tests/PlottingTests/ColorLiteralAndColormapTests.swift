import Foundation
import XCTest
@testable import Plotting

/// String-literal colours, the colour maps added from matplotlib 3.11.2, and `Figure.renderPDF(pages:)`.
final class ColorLiteralAndColormapTests: XCTestCase {
    func testStringLiterals() {
        let names: [Color] = ["red", "tab:orange", "k", "#4c72b0", "#abc", "#11223344", ".8", "none", "C1", "DarkSlateGray"]
        XCTAssertEqual(names, ["red", "tab:orange", "k", "#4c72b0", "#abc", "#11223344", ".8", "none", "C1", "DarkSlateGray"].map { Color.parse($0)! })
        XCTAssertEqual(names[8], Colormap.tab10.colors[1])   // a literal's C1 is matplotlib's default cycle
        // An unknown literal is black and reported (the assertion stops debug builds; `literal` is what
        // `init(stringLiteral:)` runs).
        XCTAssertTrue(Color.literal("blu") == (Color.black, false))
        XCTAssertTrue(Color.literal("blue") == (Color(name: "blue")!, true))
        // Wherever a Color is taken.
        let fig = Figure(width: 4, height: 3, style: .classic)
        let bars = fig.subplots()[0][0].bar(x: [0], height: [1], color: "tab:green", edgeColor: "#000")
        XCTAssertEqual(bars.color, .uniform(Color(name: "tab:green")!))
        XCTAssertEqual(bars.edgeColor, .black)
    }

    /// Samples equal matplotlib's `to_hex(colormaps[name](x))` (x in 0…1, and clipped outside),
    /// reversed maps too (`name_r`).
    func testNewColormapsSampleLikeMatplotlib() throws {
        let expected: [String: [String]] = [
            "Spectral": ["#9e0142", "#d43d4f", "#f98e52", "#ffffbe", "#79c9a5", "#5e4fa2", "#5e4fa2", "#9e0142", "#5e4fa2"],
            "Spectral_r": ["#5e4fa2", "#3387bc", "#89d0a4", "#fffebe", "#f67f4b", "#9e0142", "#9e0142", "#5e4fa2", "#9e0142"],
            "RdYlBu": ["#a50026", "#d62f27", "#f98e52", "#feffc0", "#83b9d8", "#313695", "#313695", "#a50026", "#313695"],
            "RdYlBu_r": ["#313695", "#4574b3", "#90c3dd", "#fffebe", "#f67f4b", "#a50026", "#a50026", "#313695", "#a50026"],
            "coolwarm": ["#3b4cc0", "#5977e3", "#8db0fe", "#dddcdc", "#f29072", "#b40426", "#b40426", "#3b4cc0", "#b40426"],
            "coolwarm_r": ["#b40426", "#d65244", "#f49a7b", "#dcdddd", "#85a8fc", "#3b4cc0", "#3b4cc0", "#b40426", "#3b4cc0"],
            "magma": ["#000004", "#140e36", "#51127c", "#b73779", "#fd9266", "#fcfdbf", "#fcfdbf", "#000004", "#fcfdbf"],
            "magma_r": ["#fcfdbf", "#fecf92", "#fb8761", "#b5367a", "#471078", "#000004", "#000004", "#fcfdbf", "#000004"],
            "plasma": ["#0d0887", "#41049d", "#7e03a8", "#cc4778", "#fa9c3c", "#f0f921", "#f0f921", "#0d0887", "#f0f921"],
            "plasma_r": ["#f0f921", "#fcce25", "#f89441", "#cb4679", "#7501a8", "#0d0887", "#0d0887", "#f0f921", "#0d0887"],
            "Greys": ["#ffffff", "#f3f3f3", "#d9d9d9", "#959595", "#4a4a4a", "#000000", "#000000", "#ffffff", "#000000"],
            "Greys_r": ["#000000", "#1d1d1d", "#525252", "#979797", "#dddddd", "#ffffff", "#ffffff", "#000000", "#ffffff"],
            "Blues": ["#f7fbff", "#e3eef9", "#c6dbef", "#6aaed6", "#1c6bb0", "#08306b", "#08306b", "#f7fbff", "#08306b"],
            "Blues_r": ["#08306b", "#084a91", "#2171b5", "#6caed6", "#cadef0", "#f7fbff", "#f7fbff", "#08306b", "#f7fbff"],
            "nipy_spectral": ["#000000", "#870098", "#0078dd", "#00bc00", "#ffb500", "#cccccc", "#cccccc", "#000000", "#cccccc"],
            "nipy_spectral_r": ["#cccccc", "#dc0000", "#ffcd00", "#00ba00", "#0041dd", "#000000", "#000000", "#cccccc", "#000000"],
        ]
        let xs = [0.0, 0.1, 0.25, 0.5, 0.77, 0.999, 1.0, -0.5, 1.5]
        for (name, hex) in expected {
            let map = try XCTUnwrap(Colormap.named(name), name)
            XCTAssertEqual(map.count, 256, name)
            XCTAssertEqual(xs.map { map($0).hexString }, hex, name)
        }
        // By name everywhere: the list, case-insensitive lookup, the static members.
        for m in [Colormap.spectral, .rdYlBu, .coolwarm, .magma, .plasma, .greys, .blues, .nipySpectral] {
            XCTAssertTrue(Colormap.all.contains(m), m.name)
            XCTAssertEqual(Colormap.named(m.name.uppercased()), m)
        }
        // scikit-learn's DBSCAN demo: plt.cm.Spectral(np.linspace(0, 1, 5)).
        XCTAssertEqual(Histogram.linspace(0, 1, count: 5).map { Colormap.spectral($0).hexString },
                       ["#9e0142", "#f98e52", "#ffffbe", "#86cfa5", "#5e4fa2"])
        // The tables are the generated doubles (first and last entries of matplotlib's lookup table).
        XCTAssertEqual(Colormap.spectral.colors[0], Color(red: 0.6196078431372549, green: 0.00392156862745098, blue: 0.25882352941176473))
        XCTAssertEqual(Colormap.magma.colors[255], Color(red: 0.987053, green: 0.991438, blue: 0.749504))
    }

    func testFigurePDFPages() throws {
        func figure(_ title: String, width: Double) -> Figure {
            let fig = Figure(width: width, height: 3, style: .classic)
            let ax = fig.subplots()[0][0]
            ax.bar(x: [0, 1, 2], height: [1, 3, 2])
            ax.title = title
            return fig
        }
        let one = figure("one", width: 4)
        // One page is the figure's own PDF, byte for byte.
        XCTAssertEqual(try Figure.renderPDF(pages: [one]), try one.render(format: .pdf))
        let two = figure("two", width: 6)
        two.backgroundColor = Color(name: "lightyellow")
        let pdf = try Figure.renderPDF(pages: [one, two, one])
        let text = String(decoding: pdf, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page").count - text.components(separatedBy: "/Type /Pages").count
        XCTAssertEqual(pages, 3)
        XCTAssertTrue(text.contains("[ 0 0 288 216 ]"))   // 4 × 3 in
        XCTAssertTrue(text.contains("[ 0 0 432 216 ]"))   // 6 × 3 in
        XCTAssertEqual(pdf, try Figure.renderPDF(pages: [one, two, one]))   // deterministic
        XCTAssertThrowsError(try Figure.renderPDF(pages: []))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clusterplot-pages-\(getpid()).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        try Figure.savePDF(pages: [one, two], to: url)
        XCTAssertEqual(Array(try Data(contentsOf: url)), try Figure.renderPDF(pages: [one, two]))
    }
}
