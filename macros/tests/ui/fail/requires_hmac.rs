// Generated code of a vendor that signs its requests, built against a kassa
// without its `hmac` feature: one error that names the feature.
kassa::__private::requires_hmac!();

fn main() {}
