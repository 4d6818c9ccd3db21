import CIptc

/// The IPTC IIM datasets the desk uses, read with libiptcdata from the Photoshop block a
/// JPEG carries them in. Values that are not valid UTF-8 are left out (IIM's other
/// character sets are older systems' guesswork).
enum IPTCReader {
    enum Field: CaseIterable {
        case caption, credit, creator, copyright, created

        var tag: IptcTag {
            switch self {
            case .caption: IPTC_TAG_CAPTION
            case .credit: IPTC_TAG_CREDIT
            case .creator: IPTC_TAG_BYLINE
            case .copyright: IPTC_TAG_COPYRIGHT_NOTICE
            case .created: IPTC_TAG_DATE_CREATED
            }
        }
    }

    static func read(_ block: [UInt8]) -> [Field: String] {
        block.withUnsafeBufferPointer { buffer -> [Field: String] in
            guard let base = buffer.baseAddress, buffer.count < Int(UInt32.max) else { return [:] }
            var length: UInt32 = 0
            let offset = iptc_jpeg_ps3_find_iptc(base, UInt32(buffer.count), &length)
            guard offset > 0, Int(offset) + Int(length) <= buffer.count,
                  let data = iptc_data_new_from_data(base + Int(offset), length) else { return [:] }
            defer { iptc_data_unref(data) }
            var fields: [Field: String] = [:]
            for field in Field.allCases {
                guard let dataset = iptc_data_get_dataset(data, IPTC_RECORD_APP_2, field.tag) else { continue }
                defer { iptc_dataset_unref(dataset) }
                guard let value = dataset.pointee.data, dataset.pointee.size > 0 else { continue }
                let bytes = Array(UnsafeBufferPointer(start: value, count: Int(dataset.pointee.size)))
                if let text = String(validating: bytes, as: UTF8.self)?.trimmingSpaces(), !text.isEmpty { fields[field] = text }
            }
            return fields
        }
    }
}
