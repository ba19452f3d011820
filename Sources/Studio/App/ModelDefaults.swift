import Engine
import Foundation

/// The settings a model suggests before the first run: its native size, frame count, steps and guidance.
struct ModelDefaults {
    var size: Int?
    /// A native size that is not square (Zeroscope's 576 × 320), overriding `size`.
    var width: Int?
    var height: Int?
    var frames: Int?
    var steps: Int?
    var guidance: Float?
    var isRandomWeights = false

    /// Reads only small config files, so the studio opens at once while the weights load later.
    init(folder url: URL) {
        guard let folder = try? ModelFolder(url: url) else { return }
        isRandomWeights = folder.isRandomWeights
        if let unet = try? folder.config(UNet3DConfig.self, component: "unet"),
           let vae = try? folder.config(AutoencoderKLConfig.self, component: "vae") {
            size = (unet.sampleSize ?? 32) * vae.downscaleFactor
        }
        width = folder.index.defaultWidth
        height = folder.index.defaultHeight
        frames = folder.index.defaultFrames
        steps = folder.index.defaultSteps
        guidance = folder.index.defaultGuidance
    }

    func apply(to form: inout GenerationForm) {
        if let size {
            form.width = size
            form.height = size
        }
        if let width { form.width = width }
        if let height { form.height = height }
        if let frames { form.frames = frames }
        if let steps { form.steps = steps }
        if let guidance { form.guidance = Double(guidance) }
    }
}
