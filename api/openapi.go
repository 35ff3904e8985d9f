package api

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/gofiber/fiber/v2"
	"gopkg.in/yaml.v3"
)

// openapiYAML is the API contract, written as YAML for people and served as
// JSON for tools. Its info.version is the API-Version header.
//
//go:embed openapi.yaml
var openapiYAML []byte

func loadOpenAPI() (spec []byte, version string, err error) {
	var doc map[string]any
	if err := yaml.Unmarshal(openapiYAML, &doc); err != nil {
		return nil, "", fmt.Errorf("parse openapi.yaml: %w", err)
	}
	info, _ := doc["info"].(map[string]any)
	version, _ = info["version"].(string)
	if version == "" {
		return nil, "", fmt.Errorf("openapi.yaml: info.version is missing")
	}
	spec, err = json.Marshal(doc)
	if err != nil {
		return nil, "", fmt.Errorf("encode openapi.json: %w", err)
	}
	return spec, version, nil
}

func (s *server) openAPIDocument(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, "application/vnd.oai.openapi+json;version=3.1")
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.Send(s.openapi)
}
