package loggen

// shape writes one event (one or more lines) to dst. When secret is true,
// exactly one of its lines carries a secret.
type shape func(g *Generator, dst []byte, secret bool) []byte

// shapes with their weights per 1,000 events. Multi-line events (tracebacks,
// stack traces) are rare as events but each is 6 to 25 lines.
var shapes = func() []shape {
	ws := []struct {
		w int
		s shape
	}{
		{220, (*Generator).nginx},
		{90, (*Generator).gunicorn},
		{100, (*Generator).pino},
		{110, (*Generator).zap},
		{60, (*Generator).logrus},
		{190, (*Generator).python},
		{5, (*Generator).traceback},
		{150, (*Generator).logback},
		{5, (*Generator).javaStack},
		{70, (*Generator).syslog},
	}
	var out []shape
	for _, w := range ws {
		for range w.w {
			out = append(out, w.s)
		}
	}
	return out
}()

func (g *Generator) event(dst []byte, secret bool) []byte {
	return shapes[g.r.intn(len(shapes))](g, dst, secret)
}

var (
	methods   = []string{"GET", "GET", "GET", "GET", "GET", "GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD"}
	pathHeads = []string{
		"/api/v1/orders", "/api/v1/orders/", "/api/v1/users/", "/api/v2/search", "/api/v1/cart", "/api/v1/products/",
		"/api/v1/notifications", "/api/v1/invoices/", "/graphql", "/oauth/callback", "/login", "/static/js/app.",
		"/healthz", "/metrics", "/webhooks/stripe", "/api/v1/customers/", "/api/v1/shipments/", "/favicon.ico",
		"/api/v1/payments/", "/admin/reports/export",
	}
	queries = []string{
		"", "", "", "", "page=2&per_page=50", "q=winter+jacket&sort=price_asc&in_stock=true",
		"utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale", "include=items,customer,shipping_address",
		"since=2024-05-14T07%3A00%3A00Z&limit=100", "lang=en-US&currency=EUR", "ref=homepage", "state=open&sort=updated",
		"code=4%2F0AeaYSHB&scope=openid+email+profile", "format=json&fields=id,name,status", "cursor=eyJpZCI6MTIzNDV9&limit=25",
	}
	statuses = []string{"200", "200", "200", "200", "200", "200", "200", "201", "204", "301", "302", "304", "304", "400", "401", "403", "404", "404", "429", "500", "502", "503"}
	agents   = []string{
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
		"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
		"curl/8.5.0", "python-requests/2.31.0", "Go-http-client/1.1", "kube-probe/1.29", "okhttp/4.12.0", "PostmanRuntime/7.37.3",
		"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Prometheus/2.51.2", "axios/1.6.8",
	}
	referers = []string{
		"-", "-", "-", "https://app.example.com/dashboard", "https://www.google.com/", "https://shop.example.com/cart?step=2",
		"https://app.example.com/orders/4412", "https://admin.example.com/reports?range=7d", "https://www.example.com/",
	}
	pods = []string{
		"api-7d9f8b6c5-x2kqp", "orders-5c6d7f9b8-4lq2m", "worker-6b8c9d7f5-zt8vw", "gateway-7f9d8c6b5-k3n4p",
		"billing-84f7c9d6b-q9r2s", "search-6c5b4a3d2-m7n8o",
	}
	services  = []string{"orders", "billing", "gateway", "search", "notifications", "inventory", "auth", "shipping"}
	pyLoggers = []string{
		"app.api.orders", "app.services.payments", "celery.worker.strategy", "django.request", "sqlalchemy.engine.Engine",
		"urllib3.connectionpool", "gunicorn.error", "app.tasks.email", "app.integrations.github", "botocore.credentials",
	}
	levels     = []string{"INFO", "INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARNING", "ERROR"}
	javaLevels = []string{"INFO ", "INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"}
	javaThread = []string{"http-nio-8080-exec-7", "http-nio-8080-exec-2", "main", "scheduling-1", "kafka-consumer-3", "HikariPool-1 housekeeper", "ForkJoinPool.commonPool-worker-5"}
	javaLogger = []string{
		"c.e.orders.OrderService", "o.s.web.servlet.DispatcherServlet", "c.zaxxer.hikari.pool.HikariPool", "c.e.billing.InvoiceJob",
		"o.h.engine.jdbc.spi.SqlExceptionHelper", "c.e.gateway.filter.AuthFilter", "o.a.k.clients.consumer.KafkaConsumer",
	}
	regions  = []string{"eu-west-1", "us-east-1", "us-west-2", "ap-southeast-2", "eu-central-1"}
	tenants  = []string{"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne"}
	messages = []string{
		"request completed", "request started", "loaded configuration", "calling upstream", "cache miss", "retrying request",
		"order placed", "payment captured", "user logged in", "token refreshed", "job finished", "connection pool resized",
		"password reset email queued", "rate limit exceeded", "webhook delivered", "session expired",
	}
	secretLeads = []string{"", "", "config: ", "env: ", "retrying with ", "upstream rejected credentials ", "debug dump "}
)

func (g *Generator) appendIP(dst []byte) []byte {
	switch g.r.intn(3) {
	case 0:
		dst = append(dst, "10."...)
	case 1:
		dst = append(dst, "172.19."...)
		dst = g.r.appendInt(dst, 0, 256)
		dst = append(dst, '.')
		return g.r.appendInt(dst, 1, 255)
	default:
		dst = append(dst, "192.168."...)
		dst = g.r.appendInt(dst, 0, 4)
		dst = append(dst, '.')
		return g.r.appendInt(dst, 1, 255)
	}
	dst = g.r.appendInt(dst, 0, 256)
	dst = append(dst, '.')
	dst = g.r.appendInt(dst, 0, 256)
	dst = append(dst, '.')
	return g.r.appendInt(dst, 1, 255)
}

func (g *Generator) appendUUID(dst []byte) []byte {
	dst = g.r.appendChars(dst, lowerHx, 8)
	dst = g.r.appendChars(append(dst, '-'), lowerHx, 4)
	dst = g.r.appendChars(append(dst, "-4"...), lowerHx, 3)
	dst = g.r.appendChars(append(dst, '-'), "89ab", 1)
	dst = g.r.appendChars(dst, lowerHx, 3)
	return g.r.appendChars(append(dst, '-'), lowerHx, 12)
}

// appendPath appends a request path with a query string; with secret, one
// query parameter carries a secret.
func (g *Generator) appendPath(dst []byte, secret bool) []byte {
	g.line = dst
	h := g.r.pick(pathHeads)
	g.line = append(g.line, h...)
	switch h[len(h)-1] {
	case '/':
		g.line = g.r.appendInt(g.line, 1, 99999)
	case '.':
		g.line = append(g.r.appendChars(g.line, lowerHx, 8), ".js"...)
	}
	q := g.r.pick(queries)
	switch {
	case secret && q != "" && g.r.intn(2) == 0:
		g.line = append(append(g.line, '?'), q...)
		g.line = append(g.line, '&')
		g.appendSecret(styleQuery)
	case secret:
		g.line = append(g.line, '?')
		g.appendSecret(styleQuery)
		if q != "" {
			g.line = append(append(g.line, '&'), q...)
		}
	case q != "":
		g.line = append(append(g.line, '?'), q...)
	}
	return g.line
}

// nginx writes an nginx "combined" access log line.
func (g *Generator) nginx(dst []byte, secret bool) []byte {
	g.begin()
	g.line = g.appendIP(g.line)
	g.line = append(g.line, " - "...)
	if g.r.intn(10) == 0 {
		g.line = append(g.line, g.r.pick([]string{"alice", "bob", "deploy", "admin"})...)
	} else {
		g.line = append(g.line, '-')
	}
	g.line = append(g.line, " ["...)
	g.line = append(g.line, g.clk.nginx[:]...)
	g.line = append(g.line, "] \""...)
	g.line = append(g.line, g.r.pick(methods)...)
	g.line = append(g.line, ' ')
	g.line = g.appendPath(g.line, secret)
	g.line = append(g.line, " HTTP/1.1\" "...)
	g.line = append(g.line, g.r.pick(statuses)...)
	g.line = append(g.line, ' ')
	g.line = g.r.appendInt(g.line, 0, 48000)
	g.line = append(g.line, " \""...)
	g.line = append(g.line, g.r.pick(referers)...)
	g.line = append(g.line, "\" \""...)
	g.line = append(g.line, g.r.pick(agents)...)
	g.line = append(g.line, '"')
	if g.r.intn(2) == 0 { // request time, upstream time
		g.line = append(g.line, " rt=0."...)
		g.line = g.r.appendChars(g.line, digits, 3)
		g.line = append(g.line, " uct=\"0.001\" urt=\"0."...)
		g.line = g.r.appendChars(g.line, digits, 3)
		g.line = append(g.line, '"')
	}
	return g.end(dst)
}

// gunicorn writes a gunicorn access log line (its default format plus the
// request time in microseconds).
func (g *Generator) gunicorn(dst []byte, secret bool) []byte {
	g.begin()
	g.line = g.appendIP(g.line)
	g.line = append(g.line, " - - ["...)
	g.line = append(g.line, g.clk.nginx[:]...)
	g.line = append(g.line, "] \""...)
	g.line = append(g.line, g.r.pick(methods)...)
	g.line = append(g.line, ' ')
	g.line = g.appendPath(g.line, secret)
	g.line = append(g.line, " HTTP/1.1\" "...)
	g.line = append(g.line, g.r.pick(statuses)...)
	g.line = append(g.line, ' ')
	g.line = g.r.appendInt(g.line, 0, 9000)
	g.line = append(g.line, " \""...)
	g.line = append(g.line, g.r.pick(referers)...)
	g.line = append(g.line, "\" \""...)
	g.line = append(g.line, g.r.pick(agents)...)
	g.line = append(g.line, "\" "...)
	g.line = g.r.appendInt(g.line, 800, 900000)
	return g.end(dst)
}

// jsonSecret appends `,"<outer>":{"<inner>":{<secret field>,...}}` or a
// flat secret field.
func (g *Generator) jsonSecret() {
	switch g.r.intn(3) {
	case 0:
		g.line = append(g.line, `,"req":{"headers":{"host":"api.example.com",`...)
		g.appendSecret(styleJSON)
		g.line = append(g.line, `,"accept":"application/json"}}`...)
	case 1:
		g.line = append(g.line, `,"config":{"db":{"host":"db.internal","port":5432,`...)
		g.appendSecret(styleJSON)
		g.line = append(g.line, `},"pool":{"max":20}}`...)
	default:
		g.line = append(g.line, ',')
		g.appendSecret(styleJSON)
	}
}

// pino writes a pino (Node.js) request log line.
func (g *Generator) pino(dst []byte, secret bool) []byte {
	g.begin()
	g.line = append(g.line, `{"level":`...)
	g.line = append(g.line, g.r.pick([]string{"30", "30", "30", "20", "40", "50"})...)
	g.line = append(g.line, `,"time":`...)
	g.line = g.clk.appendUnixMilli(g.line)
	g.line = append(g.line, `,"pid":`...)
	g.line = g.r.appendInt(g.line, 1, 64)
	g.line = append(g.line, `,"hostname":"`...)
	g.line = append(g.line, g.r.pick(pods)...)
	g.line = append(g.line, `","reqId":"req-`...)
	g.line = g.r.appendChars(g.line, lowerAl, 4)
	g.line = append(g.line, `","req":{"method":"`...)
	g.line = append(g.line, g.r.pick(methods)...)
	g.line = append(g.line, `","url":"`...)
	g.line = g.appendPath(g.line, false)
	g.line = append(g.line, `","remoteAddress":"::ffff:`...)
	g.line = g.appendIP(g.line)
	g.line = append(g.line, `"},"res":{"statusCode":`...)
	g.line = append(g.line, g.r.pick(statuses)...)
	g.line = append(g.line, `},"responseTime":`...)
	g.line = g.r.appendInt(g.line, 1, 900)
	if secret {
		g.jsonSecret()
	}
	g.line = append(g.line, `,"msg":"`...)
	g.line = append(g.line, g.r.pick(messages)...)
	g.line = append(g.line, `"}`...)
	return g.end(dst)
}

// zap writes a zap (Go) production JSON line.
func (g *Generator) zap(dst []byte, secret bool) []byte {
	g.begin()
	g.line = append(g.line, `{"level":"`...)
	g.line = append(g.line, g.r.pick([]string{"info", "info", "info", "debug", "warn", "error"})...)
	g.line = append(g.line, `","ts":`...)
	g.line = g.clk.appendUnixFloat(g.line)
	g.line = append(g.line, `,"caller":"`...)
	g.line = append(g.line, g.r.pick([]string{"server/handler.go:", "client/upstream.go:", "store/postgres.go:", "queue/consumer.go:"})...)
	g.line = g.r.appendInt(g.line, 20, 400)
	g.line = append(g.line, `","msg":"`...)
	g.line = append(g.line, g.r.pick(messages)...)
	g.line = append(g.line, `","service":"`...)
	g.line = append(g.line, g.r.pick(services)...)
	g.line = append(g.line, `","trace_id":"`...)
	g.line = g.r.appendChars(g.line, lowerHx, 32)
	g.line = append(g.line, `","span_id":"`...)
	g.line = g.r.appendChars(g.line, lowerHx, 16)
	g.line = append(g.line, `","user_id":`...)
	g.line = g.r.appendInt(g.line, 1, 999999)
	g.line = append(g.line, `,"latency":"`...)
	g.line = g.r.appendInt(g.line, 1, 999)
	g.line = append(g.line, `.`...)
	g.line = g.r.appendInt(g.line, 0, 999)
	g.line = append(g.line, `ms"`...)
	if secret {
		g.jsonSecret()
	}
	g.line = append(g.line, '}')
	return g.end(dst)
}

// logrus writes a logrus (Go) JSON line with a nested job object.
func (g *Generator) logrus(dst []byte, secret bool) []byte {
	g.begin()
	g.line = append(g.line, `{"component":"`...)
	g.line = append(g.line, g.r.pick([]string{"worker", "scheduler", "api", "migrator"})...)
	g.line = append(g.line, `","job":{"id":"`...)
	g.line = g.appendUUID(g.line)
	g.line = append(g.line, `","queue":"`...)
	g.line = append(g.line, g.r.pick([]string{"default", "critical", "mailers", "exports"})...)
	g.line = append(g.line, `","attempt":`...)
	g.line = g.r.appendInt(g.line, 1, 5)
	g.line = append(g.line, `},"level":"`...)
	g.line = append(g.line, g.r.pick([]string{"info", "info", "warning", "debug", "error"})...)
	g.line = append(g.line, `","msg":"`...)
	g.line = append(g.line, g.r.pick(messages)...)
	g.line = append(g.line, `","tenant":"`...)
	g.line = append(g.line, g.r.pick(tenants)...)
	g.line = append(g.line, '"')
	if secret {
		g.jsonSecret()
	}
	g.line = append(g.line, `,"time":"`...)
	g.line = g.clk.appendRFC3339Milli(g.line)
	g.line = append(g.line, `"}`...)
	return g.end(dst)
}

// pyMessage appends a Python application log message.
func (g *Generator) pyMessage(secret bool) {
	switch g.r.intn(12) {
	case 0:
		g.line = append(g.line, "Processed "...)
		g.line = g.r.appendInt(g.line, 1, 5000)
		g.line = append(g.line, " items in 1."...)
		g.line = g.r.appendInt(g.line, 10, 99)
		g.line = append(g.line, "s for tenant="...)
		g.line = append(g.line, g.r.pick(tenants)...)
		g.line = append(g.line, " region="...)
		g.line = append(g.line, g.r.pick(regions)...)
	case 1:
		g.line = append(g.line, "Starting new HTTPS connection (1): api."...)
		g.line = append(g.line, g.r.pick([]string{"stripe.com", "github.com", "sendgrid.com", "example.com"})...)
		g.line = append(g.line, ":443"...)
	case 2:
		g.line = append(g.line, `https://api.github.com:443 "GET /repos/example/app/pulls?state=open&per_page=100 HTTP/1.1" 200 None`...)
	case 3:
		g.line = append(g.line, "SELECT orders.id AS orders_id, orders.total AS orders_total, orders.status AS orders_status FROM orders WHERE orders.customer_id = %(customer_id_1)s LIMIT %(param_1)s"...)
	case 4:
		g.line = append(g.line, "Task tasks.send_email["...)
		g.line = g.appendUUID(g.line)
		g.line = append(g.line, "] succeeded in 0."...)
		g.line = g.r.appendInt(g.line, 10, 999)
		g.line = append(g.line, "s: None"...)
	case 5:
		g.line = append(g.line, "User "...)
		g.line = g.r.appendInt(g.line, 1, 999999)
		g.line = append(g.line, " logged in from "...)
		g.line = g.appendIP(g.line)
		g.line = append(g.line, " (mfa=totp, session_ttl=3600)"...)
	case 6:
		g.line = append(g.line, "Cache miss for key=product:"...)
		g.line = g.r.appendInt(g.line, 1, 99999)
		g.line = append(g.line, ":v2, fetching from primary"...)
	case 7:
		g.line = append(g.line, "Refreshing access token for integration "...)
		g.line = g.r.appendInt(g.line, 1, 999)
		g.line = append(g.line, " (token_type=Bearer, expires_in=3600)"...)
	case 8:
		g.line = append(g.line, "Password reset email queued for user_id="...)
		g.line = g.r.appendInt(g.line, 1, 999999)
		g.line = append(g.line, " template=reset_password locale=en"...)
	case 9:
		g.line = append(g.line, "Retrying (Retry(total=2, connect=None, read=None, redirect=None, status=None)) after connection broken by 'ProtocolError('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))'"...)
	case 10:
		g.line = append(g.line, "Found credentials in environment variables."...)
	default:
		g.line = append(g.line, "Order "...)
		g.line = g.r.appendInt(g.line, 1000, 99999)
		g.line = append(g.line, " moved to state "...)
		g.line = append(g.line, g.r.pick([]string{"paid", "shipped", "cancelled", "refunded"})...)
		g.line = append(g.line, " request_id="...)
		g.line = g.appendUUID(g.line)
	}
	if secret {
		g.line = append(g.line, ' ')
		g.line = append(g.line, g.r.pick(secretLeads)...)
		g.appendSecret(styleText)
	}
}

// python writes a Python logging line (format
// "%(asctime)s [%(levelname)s] %(name)s: %(message)s").
func (g *Generator) python(dst []byte, secret bool) []byte {
	g.begin()
	g.line = g.clk.appendSpaced(g.line, ',')
	g.line = append(g.line, " ["...)
	g.line = append(g.line, g.r.pick(levels)...)
	g.line = append(g.line, "] "...)
	g.line = append(g.line, g.r.pick(pyLoggers)...)
	g.line = append(g.line, ": "...)
	g.pyMessage(secret)
	return g.end(dst)
}

var pyFrames = []struct{ file, fn, code string }{
	{"/usr/local/lib/python3.12/site-packages/django/core/handlers/exception.py", "inner", "response = get_response(request)"},
	{"/usr/local/lib/python3.12/site-packages/django/core/handlers/base.py", "_get_response", "response = wrapped_callback(request, *callback_args, **callback_kwargs)"},
	{"/app/app/api/orders.py", "create_order", "payment = gateway.charge(order.total, currency=order.currency)"},
	{"/app/app/services/payments.py", "charge", "resp = self.session.post(url, json=payload, timeout=10)"},
	{"/usr/local/lib/python3.12/site-packages/requests/sessions.py", "post", `return self.request("POST", url, data=data, json=json, **kwargs)`},
	{"/usr/local/lib/python3.12/site-packages/requests/models.py", "raise_for_status", "raise HTTPError(http_error_msg, response=self)"},
	{"/app/app/tasks/email.py", "send_receipt", "client.send(message)"},
}

// traceback writes a logging line followed by a Python traceback.
func (g *Generator) traceback(dst []byte, secret bool) []byte {
	g.begin()
	g.line = g.clk.appendSpaced(g.line, ',')
	g.line = append(g.line, " [ERROR] django.request: Internal Server Error: /api/v1/orders"...)
	dst = g.end(dst)
	g.begin()
	g.line = append(g.line, "Traceback (most recent call last):"...)
	dst = g.end(dst)
	n := 3 + g.r.intn(len(pyFrames)-2)
	for i := range n {
		f := pyFrames[(i*3+g.r.intn(2))%len(pyFrames)]
		g.begin()
		g.line = append(g.line, `  File "`...)
		g.line = append(g.line, f.file...)
		g.line = append(g.line, `", line `...)
		g.line = g.r.appendInt(g.line, 12, 900)
		g.line = append(g.line, ", in "...)
		g.line = append(g.line, f.fn...)
		dst = g.end(dst)
		g.begin()
		g.line = append(g.line, "    "...)
		g.line = append(g.line, f.code...)
		dst = g.end(dst)
	}
	g.begin()
	g.line = append(g.line, "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.payments.example.com/v1/charges"...)
	if secret {
		g.line = append(g.line, '?')
		g.appendSecret(styleQuery)
	}
	return g.end(dst)
}

// logback writes a Spring Boot / logback line.
func (g *Generator) logback(dst []byte, secret bool) []byte {
	g.begin()
	g.line = g.clk.appendSpaced(g.line, '.')
	g.line = append(g.line, ' ')
	g.line = append(g.line, g.r.pick(javaLevels)...)
	g.line = append(g.line, " 1 --- ["...)
	g.line = append(g.line, g.r.pick(javaThread)...)
	g.line = append(g.line, "] "...)
	g.line = append(g.line, g.r.pick(javaLogger)...)
	g.line = append(g.line, " : "...)
	switch g.r.intn(6) {
	case 0:
		g.line = append(g.line, "Order "...)
		g.line = g.r.appendInt(g.line, 1000, 99999)
		g.line = append(g.line, " placed for customer "...)
		g.line = g.r.appendInt(g.line, 1, 99999)
		g.line = append(g.line, " total="...)
		g.line = g.r.appendInt(g.line, 1, 999)
		g.line = append(g.line, ".90 EUR items=3"...)
	case 1:
		g.line = append(g.line, "Completed "...)
		g.line = append(g.line, g.r.pick(statuses)...)
		g.line = append(g.line, " in "...)
		g.line = g.r.appendInt(g.line, 1, 900)
		g.line = append(g.line, "ms for "...)
		g.line = append(g.line, g.r.pick(methods)...)
		g.line = append(g.line, " \""...)
		g.line = g.appendPath(g.line, false)
		g.line = append(g.line, '"')
	case 2:
		g.line = append(g.line, "HikariPool-1 - Connection org.postgresql.jdbc.PgConnection@"...)
		g.line = g.r.appendChars(g.line, lowerHx, 8)
		g.line = append(g.line, " marked as broken because of SQLSTATE(08006), ErrorCode(0)"...)
	case 3:
		g.line = append(g.line, "[Consumer clientId=consumer-orders-1, groupId=orders] Setting offset for partition orders-"...)
		g.line = g.r.appendInt(g.line, 0, 12)
		g.line = append(g.line, " to the committed offset FetchPosition{offset="...)
		g.line = g.r.appendInt(g.line, 1000, 9999999)
		g.line = append(g.line, ", offsetEpoch=Optional.empty}"...)
	case 4:
		g.line = append(g.line, "Invoice job finished: tenant="...)
		g.line = append(g.line, g.r.pick(tenants)...)
		g.line = append(g.line, " invoices="...)
		g.line = g.r.appendInt(g.line, 1, 500)
		g.line = append(g.line, " duration=PT"...)
		g.line = g.r.appendInt(g.line, 1, 60)
		g.line = append(g.line, ".2S traceId="...)
		g.line = g.r.appendChars(g.line, lowerHx, 32)
	default:
		g.line = append(g.line, "Resolved [org.springframework.web.HttpRequestMethodNotSupportedException: Request method 'PUT' is not supported]"...)
	}
	if secret {
		g.line = append(g.line, ' ')
		g.line = append(g.line, g.r.pick(secretLeads)...)
		g.appendSecret(styleText)
	}
	return g.end(dst)
}

var javaFrames = []string{
	"org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)",
	"org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:203)",
	"com.zaxxer.hikari.pool.HikariPool.createPoolEntry(HikariPool.java:477)",
	"com.example.orders.OrderRepository.save(OrderRepository.java:88)",
	"com.example.orders.OrderService.placeOrder(OrderService.java:142)",
	"com.example.orders.OrderController.create(OrderController.java:57)",
	"java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
	"org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)",
	"org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)",
	"org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:659)",
	"java.base/java.lang.Thread.run(Thread.java:1583)",
}

// javaStack writes a logback ERROR line followed by a stack trace with a
// cause.
func (g *Generator) javaStack(dst []byte, secret bool) []byte {
	g.begin()
	g.line = g.clk.appendSpaced(g.line, '.')
	g.line = append(g.line, " ERROR 1 --- [http-nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] threw exception"...)
	if secret {
		g.line = append(g.line, ' ')
		g.appendSecret(styleText)
	}
	dst = g.end(dst)
	g.begin()
	g.line = append(g.line, "org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection; nested exception is org.hibernate.exception.JDBCConnectionException"...)
	dst = g.end(dst)
	n := 5 + g.r.intn(len(javaFrames)-4)
	for i := range n {
		g.begin()
		g.line = append(g.line, "\tat "...)
		g.line = append(g.line, javaFrames[(i+g.r.intn(2))%len(javaFrames)]...)
		dst = g.end(dst)
	}
	g.begin()
	g.line = append(g.line, `Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "orders"`...)
	dst = g.end(dst)
	for i := range 3 {
		g.begin()
		g.line = append(g.line, "\tat "...)
		g.line = append(g.line, javaFrames[i]...)
		dst = g.end(dst)
	}
	g.begin()
	g.line = append(g.line, "\t... "...)
	g.line = g.r.appendInt(g.line, 20, 120)
	g.line = append(g.line, " common frames omitted"...)
	return g.end(dst)
}

// syslog writes a traditional syslog line.
func (g *Generator) syslog(dst []byte, secret bool) []byte {
	g.begin()
	g.line = append(g.line, g.clk.syslog[:]...)
	g.line = append(g.line, ' ')
	g.line = append(g.line, g.r.pick([]string{"web-1", "web-2", "db-1", "worker-3", "bastion"})...)
	switch g.r.intn(5) {
	case 0:
		g.line = append(g.line, " sshd["...)
		g.line = g.r.appendInt(g.line, 1000, 65000)
		g.line = append(g.line, "]: Accepted publickey for deploy from "...)
		g.line = g.appendIP(g.line)
		g.line = append(g.line, " port "...)
		g.line = g.r.appendInt(g.line, 30000, 65000)
		g.line = append(g.line, " ssh2: ED25519 SHA256:"...)
		g.line = g.r.appendChars(g.line, b64, 43)
	case 1:
		g.line = append(g.line, " CRON["...)
		g.line = g.r.appendInt(g.line, 1000, 65000)
		g.line = append(g.line, "]: (root) CMD (/usr/local/bin/backup.sh --target s3://backups-example/db --compress zstd >/var/log/backup.log 2>&1)"...)
	case 2:
		g.line = append(g.line, " systemd[1]: Started "...)
		g.line = append(g.line, g.r.pick(services)...)
		g.line = append(g.line, ".service - Example "...)
		g.line = append(g.line, g.r.pick(services)...)
		g.line = append(g.line, " daemon (pid "...)
		g.line = g.r.appendInt(g.line, 1000, 65000)
		g.line = append(g.line, ", memory limit 512M)."...)
	case 3:
		g.line = append(g.line, " kernel: [UFW BLOCK] IN=eth0 OUT= MAC=02:42:ac:11:00:02 SRC="...)
		g.line = g.appendIP(g.line)
		g.line = append(g.line, " DST="...)
		g.line = g.appendIP(g.line)
		g.line = append(g.line, " LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID="...)
		g.line = g.r.appendInt(g.line, 1, 65000)
		g.line = append(g.line, " DF PROTO=TCP SPT="...)
		g.line = g.r.appendInt(g.line, 1024, 65000)
		g.line = append(g.line, " DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0"...)
	default:
		g.line = append(g.line, " sudo["...)
		g.line = g.r.appendInt(g.line, 1000, 65000)
		g.line = append(g.line, "]:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl restart "...)
		g.line = append(g.line, g.r.pick(services)...)
	}
	if secret {
		g.line = append(g.line, ' ')
		g.appendSecret(styleText)
	}
	return g.end(dst)
}
