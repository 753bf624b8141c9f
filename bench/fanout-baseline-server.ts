// The stream's transport floor: a plain node:http server (a process of its own, like the web app) that holds
// SSE clients and, on POST /start, writes `lines` messages `every` ms apart to all of them the moment each is made.
// No database, no Next.js: what delivering one message to every viewer costs on this machine by itself.
import http from "node:http";

const clients = new Set<http.ServerResponse>();

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
      res.write(": connected\n\n");
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    const lines = Number(url.searchParams.get("lines") ?? 100);
    const every = Number(url.searchParams.get("every") ?? 50);
    res.writeHead(202).end();
    let i = 0;
    const timer = setInterval(() => {
      i++;
      const message = `id: ${i}\nevent: output\ndata: ${JSON.stringify({ line: `line ${i}`, at: new Date().toISOString() })}\n\n`;
      for (const client of clients) client.write(message);
      if (i >= lines) clearInterval(timer);
    }, every);
  })
  .listen(Number(process.env.BASELINE_PORT), "127.0.0.1", () => console.log("baseline ready"));
