
/// Binary data (`Edm.Binary`), base64 in JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Base64(pub Vec<u8>);

impl ::serde::Serialize for Base64 {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ::base64::Engine as _;
        serializer.serialize_str(&::base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> ::serde::Deserialize<'de> for Base64 {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use ::base64::Engine as _;
        let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
        // Accept padded and unpadded, standard and URL-safe alphabets, and non-canonical
        // trailing bits (truncated samples); equality is by decoded bytes.
        let engine = ::base64::engine::GeneralPurpose::new(
            &::base64::alphabet::STANDARD,
            ::base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(::base64::engine::DecodePaddingMode::Indifferent)
                .with_decode_allow_trailing_bits(true),
        );
        engine
            .decode(text.replace('-', "+").replace('_', "/").as_bytes())
            .map(Base64)
            .map_err(|e| ::serde::de::Error::custom(format!("invalid base64: {e}")))
    }
}
