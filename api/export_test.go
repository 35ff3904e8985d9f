package api

// DecodeJSONForTest exposes decodeJSON to the external test package.
var DecodeJSONForTest = decodeJSON
