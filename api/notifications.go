package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/notify"
)

// notificationRoutes registers push subscriptions, the inbox and
// notification preferences.
func (s *server) notificationRoutes(v1 fiber.Router) {
	v1.Get("/push/public-key", s.pushPublicKey)
	v1.Post("/push-subscriptions", s.authenticated, s.idempotent, s.subscribePush)
	v1.Delete("/push-subscriptions/:id", s.authenticated, s.unsubscribePush)
	v1.Get("/notifications", s.authenticated, s.listNotifications)
	v1.Post("/notifications/:id/read", s.authenticated, s.readNotification)
	v1.Get("/me/notification-preferences", s.authenticated, s.getNotificationPreferences)
	v1.Put("/me/notification-preferences", s.authenticated, s.putNotificationPreferences)
}

func (s *server) pushPublicKey(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"publicKey": s.vapidPublicKey})
}

type subscriptionRequest struct {
	Endpoint string `json:"endpoint"`
	Keys     struct {
		P256dh string `json:"p256dh"`
		Auth   string `json:"auth"`
	} `json:"keys"`
	// ExpirationTime is sent by browsers as part of PushSubscription.toJSON().
	ExpirationTime *float64 `json:"expirationTime"`
}

func (s *server) subscribePush(c *fiber.Ctx) error {
	var in subscriptionRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	id, err := s.subscriptions.Subscribe(c.UserContext(), callerOf(c).UserID,
		notify.Subscription{Endpoint: in.Endpoint, P256dh: in.Keys.P256dh, Auth: in.Keys.Auth})
	if err != nil {
		return err
	}
	c.Location(BasePath + "/push-subscriptions/" + id)
	return c.Status(http.StatusCreated).JSON(fiber.Map{"id": id})
}

func (s *server) unsubscribePush(c *fiber.Ctx) error {
	if err := s.subscriptions.Unsubscribe(c.UserContext(), callerOf(c).UserID, c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *server) listNotifications(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	unread := c.Query("unread")
	if unread != "" && unread != "true" && unread != "false" {
		return invalidField("unread", "must be true or false")
	}
	p, err := s.inbox.List(c.UserContext(), callerOf(c).UserID, cursor, limit, unread == "true")
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

func (s *server) readNotification(c *fiber.Ctx) error {
	if err := s.inbox.MarkRead(c.UserContext(), callerOf(c).UserID, c.Params("id"), s.now()); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *server) getNotificationPreferences(c *fiber.Ctx) error {
	p, err := notify.GetPreferences(c.UserContext(), s.db, callerOf(c).UserID)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (s *server) putNotificationPreferences(c *fiber.Ctx) error {
	var in notify.Preferences
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := notify.PutPreferences(c.UserContext(), s.db, callerOf(c).UserID, in); err != nil {
		return err
	}
	return s.getNotificationPreferences(c)
}
