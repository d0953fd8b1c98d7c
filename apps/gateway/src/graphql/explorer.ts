import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Where the explorer's files are served; the page itself answers a browser's GET /graphql. */
export const EXPLORER_ASSETS_PATH = '/graphql/explorer';

const PACKAGE = '@graphql-yoga/render-graphiql';

/** GraphiQL 5 with React and Monaco, pre-bundled by graphql-yoga (no CDN): each part as a string. */
interface GraphiQLBundle {
  js: string;
  css: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

interface Asset {
  type: string;
  body: string | Buffer;
}

const JS = 'text/javascript; charset=utf-8';

const DEFAULT_QUERY = `# Xã Số GraphQL explorer (never served when NODE_ENV=production).
# Schema docs: the first icon on the left. Protected fields need a token:
# POST /auth/dev/token (README, "Calling the API"), then under Headers:
# {"authorization": "Bearer <token>"}
#
# 00004 was Phường Trúc Bạch until 2025-06-30, Phường Ba Đình since 2025-07-01.
{
  before: administrativeUnit(code: "00004", asOf: "2024-05-01") { name validTo }
  now: administrativeUnit(code: "00004") { name validFrom predecessors { code name } }
}
`;

/**
 * The explorer is a devDependency: an image built with `npm ci --omit=dev` has none, and then
 * /graphql stays GraphQL only. Its package exports an HTML renderer that inlines all 9 MB in every
 * page; the module beside it holds the same parts, which are served here as cacheable files.
 */
function loadBundle(): { version: string; bundle: GraphiQLBundle } | undefined {
  try {
    const bundle = require(`${PACKAGE}/graphiql`) as GraphiQLBundle;
    const { version } = require(`${PACKAGE}/package.json`) as { version: string };
    return { version, bundle };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

function dataUriBytes(uri: string): Buffer {
  return Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64');
}

/** The explorer's page and files; asset URLs carry the package version, so browsers may keep them. */
export class GraphQLExplorerSite {
  readonly assetBase: string;
  readonly page: string;
  private readonly assets: Map<string, Asset>;

  constructor(version: string, bundle: GraphiQLBundle, endpoint = '/graphql') {
    this.assetBase = `${EXPLORER_ASSETS_PATH}/${version}`;
    const workers = {
      editorWorkerService: `${this.assetBase}/editor.worker.js`,
      json: `${this.assetBase}/json.worker.js`,
      graphql: `${this.assetBase}/graphql.worker.js`,
    };
    const options = { endpoint, title: 'Xã Số — GraphQL', defaultQuery: DEFAULT_QUERY };
    // Runs before the bundle: Monaco reads MonacoEnvironment when it loads; render once the page is parsed.
    const start = `self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: function (moduleId, label) {
    var workers = ${JSON.stringify(workers)};
    return workers[label] || workers.editorWorkerService;
  },
};
window.addEventListener('DOMContentLoaded', function () {
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${JSON.stringify(options)});
});
`;
    this.assets = new Map<string, Asset>([
      ['start.js', { type: JS, body: start }],
      ['graphiql.js', { type: JS, body: bundle.js }],
      ['graphiql.css', { type: 'text/css; charset=utf-8', body: bundle.css }],
      ['favicon.ico', { type: 'image/x-icon', body: dataUriBytes(bundle.favicon) }],
      ['editor.worker.js', { type: JS, body: bundle.editorWorkerService }],
      ['json.worker.js', { type: JS, body: bundle.jsonWorker }],
      ['graphql.worker.js', { type: JS, body: bundle.graphqlWorker }],
    ]);
    this.page = `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${options.title}</title>
    <link rel="icon" href="${this.assetBase}/favicon.ico" />
    <link rel="stylesheet" href="${this.assetBase}/graphiql.css" />
  </head>
  <body class="no-focus-outline">
    <noscript>The GraphQL explorer needs JavaScript.</noscript>
    <div id="root" style="height: 100vh"></div>
    <script src="${this.assetBase}/start.js"></script>
    <script src="${this.assetBase}/graphiql.js"></script>
  </body>
</html>
`;
  }

  static load(endpoint?: string): GraphQLExplorerSite | undefined {
    const loaded = loadBundle();
    return loaded && new GraphQLExplorerSite(loaded.version, loaded.bundle, endpoint);
  }

  asset(path: string): Asset | undefined {
    const prefix = `${this.assetBase}/`;
    return path.startsWith(prefix) ? this.assets.get(path.slice(prefix.length)) : undefined;
  }
}

/** What a browser's address bar sends (HTML first), as opposed to a GraphQL client (JSON first or anything). */
function wantsHtml(req: Request): boolean {
  return req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

/**
 * GraphiQL for a browser's GET /graphql, and its files under /graphql/explorer/<version>/;
 * every other request (POST, GraphQL GETs, CSRF prevention and all) goes on to Apollo untouched.
 * Mounted only outside production (GatewayConfig.explorer).
 */
@Injectable()
export class GraphQLExplorerMiddleware implements NestMiddleware {
  private readonly logger = new Logger('GraphQLExplorer');
  private site?: GraphQLExplorerSite | null;

  use(req: Request, res: Response, next: NextFunction): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.originalUrl.split('?')[0];
    const isAsset = path.startsWith(`${EXPLORER_ASSETS_PATH}/`);
    if (!isAsset && !((path === '/graphql' || path === '/graphql/') && wantsHtml(req))) return next();
    const site = this.loadSite();
    if (!site) return next();
    if (!isAsset) {
      res.type('html').setHeader('cache-control', 'no-cache');
      res.send(site.page);
      return;
    }
    const asset = site.asset(path);
    if (!asset) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.type(asset.type).setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.send(asset.body);
  }

  private loadSite(): GraphQLExplorerSite | undefined {
    if (this.site === undefined) {
      this.site = GraphQLExplorerSite.load() ?? null;
      if (!this.site) this.logger.warn(`GraphQL explorer unavailable: ${PACKAGE} is not installed (a dev dependency); /graphql serves GraphQL only`);
    }
    return this.site ?? undefined;
  }
}
