# syntax=docker/dockerfile:1
# Noaber: Node builds the PWA, Go builds the binary with the PWA embedded,
# and the runtime image holds only that binary, running as a non-root user.

FROM node:20-bookworm-slim AS webapp
WORKDIR /src/webapp
COPY webapp/package.json webapp/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY webapp/ ./
RUN npm run build

FROM golang:1.26-bookworm AS binary
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=webapp /src/webapp/dist ./webapp/dist
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/noaber ./cmd/noaber

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=binary /out/noaber /noaber
ENV NOABER_ADDR=:8080 NOABER_DATA_DIR=/tmp/noaber
EXPOSE 8080
USER nonroot:nonroot
HEALTHCHECK --interval=30s --timeout=3s CMD ["/noaber", "healthcheck"]
ENTRYPOINT ["/noaber"]
CMD ["serve"]
