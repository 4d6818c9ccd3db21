import CLibXML2

/// The fields of an XMP packet the desk uses, read with libxml2 (no network, no DTD, no
/// external entities: the packet is the file's, and the file may be hostile).
enum XMPReader {
    enum Field: CaseIterable {
        case caption, credit, creator, rights, created, location, serial

        /// XPath over the packet; simple properties may be elements or attributes.
        var path: String {
            switch self {
            case .caption: "string((//dc:description//rdf:li)[1])"
            case .credit: "string((//photoshop:Credit | //rdf:Description/@photoshop:Credit)[1])"
            case .creator: "string((//dc:creator//rdf:li)[1])"
            case .rights: "string((//dc:rights//rdf:li)[1])"
            case .created: "string((//photoshop:DateCreated | //rdf:Description/@photoshop:DateCreated | //xmp:CreateDate | //rdf:Description/@xmp:CreateDate)[1])"
            case .location: "string((//exif:GPSLatitude | //rdf:Description/@exif:GPSLatitude)[1])"
            case .serial: "string((//exifEX:BodySerialNumber | //rdf:Description/@exifEX:BodySerialNumber | //aux:SerialNumber | //rdf:Description/@aux:SerialNumber)[1])"
            }
        }
    }

    static let namespaces = [
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("dc", "http://purl.org/dc/elements/1.1/"),
        ("photoshop", "http://ns.adobe.com/photoshop/1.0/"), ("xmp", "http://ns.adobe.com/xap/1.0/"),
        ("exif", "http://ns.adobe.com/exif/1.0/"), ("exifEX", "http://cipa.jp/exif/1.0/"), ("aux", "http://ns.adobe.com/exif/1.0/aux/"),
    ]

    static func read(_ packet: [UInt8]) -> [Field: String] {
        // JPEG's APP1 carries the namespace, a NUL, then the packet: start at the first '<'.
        guard let start = packet.firstIndex(of: UInt8(ascii: "<")) else { return [:] }
        let xml = Array(packet[start...])
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let document = xml.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32(buffer.count), "xmp.xml", "UTF-8", options) }
        }) else { return [:] }
        defer { xmlFreeDoc(document) }
        guard let context = xmlXPathNewContext(document) else { return [:] }
        defer { xmlXPathFreeContext(context) }
        for (prefix, uri) in namespaces { _ = xmlXPathRegisterNs(context, prefix, uri) }
        var fields: [Field: String] = [:]
        for field in Field.allCases {
            guard let result = xmlXPathEvalExpression(field.path, context) else { continue }
            defer { xmlXPathFreeObject(result) }
            guard result.pointee.type == XPATH_STRING, let value = result.pointee.stringval else { continue }
            let text = String(cString: value).trimmingSpaces()
            if !text.isEmpty { fields[field] = text }
        }
        return fields
    }
}
