// Package webapp embeds the built PWA (webapp/dist, made by `npm run build`)
// so that the Go binary serves it without any files beside it.
package webapp

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built app. It holds only .gitkeep when the front end was
// not built, which Built reports.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern above guarantees "dist" exists
	}
	return sub
}

// Built reports whether the app was built before the binary was compiled.
func Built() bool {
	_, err := fs.Stat(Dist(), "index.html")
	return err == nil
}
