package api

import (
	"bytes"
	"errors"
	"net/http"
	"regexp"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/stats"
)

const csvContentType = "text/csv; charset=utf-8"

// safeFilePart keeps a CSV file name to plain characters.
var safeFilePart = regexp.MustCompile(`[^A-Za-z0-9-]`)

// getStats answers the monitor as JSON or, with Accept: text/csv, as CSV
// (one row per metric). The roles were checked by requireRole; which areas
// a broker may see is decided in the stats domain (404 for any other).
func (m socialMap) getStats(c *fiber.Ctx) error {
	format := c.Accepts(fiber.MIMEApplicationJSON, "text/csv")
	if format == "" {
		p := newProblem(http.StatusNotAcceptable, "The statistics are available as application/json or text/csv.")
		p.Type = problemBase + "not-acceptable"
		return m.writeProblem(c, p)
	}
	areaID, period, err := m.statsParams(c)
	if err != nil {
		return err
	}
	caller := callerOf(c)
	report, err := m.stats.Report(c.UserContext(), stats.Viewer{UserID: caller.UserID,
		Broker: caller.Has(accounts.Broker) && caller.SecondFactor,
		Admin:  caller.Has(accounts.Admin) && caller.SecondFactor}, areaID, period)
	if err != nil {
		return err
	}
	if format != "text/csv" {
		return c.JSON(report)
	}
	var buf bytes.Buffer
	if err := report.WriteCSV(&buf); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, csvContentType)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="noaber-stats-`+
		safeFilePart.ReplaceAllString(report.Area.ID, "")+"-"+report.Period.From+"-"+report.Period.To+`.csv"`)
	return c.Send(buf.Bytes())
}

// statsParams reads areaId, from and to; every bad one is named at once.
func (m socialMap) statsParams(c *fiber.Ctx) (string, stats.Period, error) {
	var fields []domain.FieldError
	areaID := c.Query("areaId")
	if areaID == "" {
		fields = append(fields, domain.FieldError{Name: "areaId",
			Reason: "is required: the code of a neighbourhood, district or municipality"})
	}
	period, err := stats.ParsePeriod(c.Query("from"), c.Query("to"), m.now())
	var invalid *domain.InvalidError
	if errors.As(err, &invalid) {
		fields = append(fields, invalid.Fields...)
	} else if err != nil {
		return "", period, err
	}
	if len(fields) > 0 {
		return "", period, &domain.InvalidError{Fields: fields}
	}
	return areaID, period, nil
}
