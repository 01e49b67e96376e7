
/// An `Edm.Duration`: an ISO 8601 duration, which Graph also writes negative (`-PT15M`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duration {
    /// Written with a leading `-`.
    pub negative: bool,
    /// The magnitude.
    pub value: ::iso8601::Duration,
}

impl ::std::str::FromStr for Duration {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        ::iso8601::duration(rest).map(|value| Duration { negative, value })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        write!(f, "{}", self.value)
    }
}

impl ::serde::Serialize for Duration {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> ::serde::Deserialize<'de> for Duration {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
        text.parse().map_err(|e| ::serde::de::Error::custom(format!("invalid ISO 8601 duration {text:?}: {e}")))
    }
}
