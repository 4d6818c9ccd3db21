import CVips

/// libvips, started once per process (its loaders limited to the trusted ones).
enum Vips {
    private static let started: Result<Void, ImageError> = newsroom_vips_start() == 0
        ? .success(()) : .failure(ImageError(.failed, "libvips could not start: \(lastError())"))

    static func start() throws(ImageError) { try started.get() }

    /// libvips's last error, taken (its buffer is cleared for the next call).
    static func lastError() -> String {
        let text = String(cString: vips_error_buffer())
        vips_error_clear()
        let lines = text.split(separator: "\n").map(String.init)
        return lines.first ?? "unknown error"
    }
}

/// A photo as it arrived: its format, size and orientation from the header (nothing is
/// decoded to learn them, so a file that declares billions of pixels costs nothing yet), its
/// embedded metadata, and the upright working copy every rendition is cut from.
public final class SourceImage {
    public let format: ImageFormat
    /// As stored, before the orientation is applied.
    public let width: Int
    public let height: Int
    /// EXIF's 1–8 (1: upright as stored; 5–8 swap width and height).
    public let orientation: Int
    /// More than one for an animated WebP.
    public let frames: Int

    private let bytes: UnsafeMutableRawBufferPointer
    private let header: UnsafeMutablePointer<VipsImage>

    /// The width and height a reader sees, once the orientation is applied.
    public var uprightWidth: Int { orientation >= 5 && orientation <= 8 ? height : width }
    public var uprightHeight: Int { orientation >= 5 && orientation <= 8 ? width : height }

    /// Reads the header. Throws `.notAnImage` for bytes that are not JPEG, PNG or WebP, and
    /// `.unreadable` for a header libvips cannot read.
    public init(_ data: [UInt8]) throws(ImageError) {
        guard let format = ImageFormat.identify(data) else {
            throw ImageError(.notAnImage, "the file is \(ImageFormat.describe(data)), not a JPEG, PNG or WebP photo")
        }
        try Vips.start()
        // libvips reads from this memory for as long as the image lives: a copy of our own.
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 16)
        data.withUnsafeBytes { bytes.copyMemory(from: $0) }
        var image: UnsafeMutablePointer<VipsImage>?
        guard newsroom_vips_header(bytes.baseAddress, data.count, format.loader, &image) == 0, let image else {
            bytes.deallocate()
            throw ImageError(.unreadable, "the \(format.rawValue.uppercased()) file cannot be read (\(Vips.lastError())); it may be truncated or damaged")
        }
        self.format = format
        self.bytes = UnsafeMutableRawBufferPointer(rebasing: bytes[0..<data.count])
        self.header = image
        width = Int(vips_image_get_width(image))
        height = Int(vips_image_get_height(image))
        orientation = Int(vips_image_get_orientation(image))
        frames = Int(vips_image_get_n_pages(image))
    }

    deinit {
        newsroom_vips_unref(header)
        UnsafeMutableRawBufferPointer(start: bytes.baseAddress, count: max(bytes.count, 1)).deallocate()
    }

    /// What the file says of itself (EXIF, XMP, IPTC IIM), for the desk.
    public func metadata() -> EmbeddedMetadata {
        EmbeddedMetadata(exif: { newsroom_vips_field(header, $0).map { String(cString: $0) } },
                         xmp: blob("xmp-data"), iptc: blob("iptc-data"))
    }

    private func blob(_ name: String) -> [UInt8]? {
        var length = 0
        guard let data = newsroom_vips_blob(header, name, &length), length > 0 else { return nil }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }

    /// The upright, sRGB copy at most `maxWidth` wide (never enlarged), decoded whole: a
    /// truncated or corrupt file fails here, before anything is stored.
    public func working(maxWidth: Int) throws(ImageError) -> WorkingImage {
        var image: UnsafeMutablePointer<VipsImage>?
        guard newsroom_vips_working(bytes.baseAddress, bytes.count, Int32(maxWidth), &image) == 0, let image else {
            throw ImageError(.unreadable, "the \(format.rawValue.uppercased()) file cannot be decoded (\(Vips.lastError())); it may be truncated or damaged")
        }
        return WorkingImage(image)
    }
}

/// An area of the working copy, and the size it is scaled to.
public struct ImageCut: Sendable, Equatable {
    public var left: Int, top: Int, width: Int, height: Int
    public var outputWidth: Int, outputHeight: Int

    public init(left: Int, top: Int, width: Int, height: Int, outputWidth: Int, outputHeight: Int) {
        self.left = left; self.top = top; self.width = width; self.height = height
        self.outputWidth = outputWidth; self.outputHeight = outputHeight
    }
}

/// The decoded, upright sRGB image renditions are cut from and encoded.
public final class WorkingImage {
    private let image: UnsafeMutablePointer<VipsImage>
    public let width: Int
    public let height: Int

    init(_ image: UnsafeMutablePointer<VipsImage>) {
        self.image = image
        width = Int(vips_image_get_width(image))
        height = Int(vips_image_get_height(image))
    }

    deinit { newsroom_vips_unref(image) }

    /// The area scaled and encoded with no metadata at all (JPEG or WebP), with the size it came out at.
    public func render(_ cut: ImageCut, as format: ImageFormat, quality: Int) throws(ImageError) -> (bytes: [UInt8], width: Int, height: Int) {
        guard format != .png else { throw ImageError(.failed, "renditions are JPEG or WebP") }
        var piece: UnsafeMutablePointer<VipsImage>?
        guard newsroom_vips_cut(image, Int32(cut.left), Int32(cut.top), Int32(cut.width), Int32(cut.height),
                                Int32(cut.outputWidth), Int32(cut.outputHeight), &piece) == 0, let piece else {
            throw ImageError(.failed, "a rendition could not be cut: \(Vips.lastError())")
        }
        defer { newsroom_vips_unref(piece) }
        var output: UnsafeMutableRawPointer?
        var length = 0
        guard newsroom_vips_save(piece, format.loader, Int32(quality), &output, &length) == 0, let output else {
            throw ImageError(.failed, "a \(format.rawValue) rendition could not be encoded: \(Vips.lastError())")
        }
        defer { newsroom_vips_free(output) }
        return (Array(UnsafeRawBufferPointer(start: output, count: length)), Int(vips_image_get_width(piece)), Int(vips_image_get_height(piece)))
    }
}
