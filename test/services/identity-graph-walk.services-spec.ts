/**
 * The walk and the operator view's upkeep, on PostgreSQL: there they ask other statements than on
 * SQLite (the walk a statement per step for all its shops and keys, with arrays), and the
 * properties of the SQLite specs must hold the same (and a build of the view in slices reads shops
 * in the order of the database's collation). Their graph database is opened on this server.
 */
import { POSTGRES_ADMIN_URL } from '../support/databases';

process.env.GRAPH_TEST_POSTGRES_URL = POSTGRES_ADMIN_URL;
// Hundreds of random graphs, each stored and walked shop by shop over the network.
jest.setTimeout(900_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../libs/resolution/src/reading/fact-neighbourhood.property.spec');
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../libs/resolution/src/operator-view/operator-view.property.spec');
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../libs/resolution/src/operator-view/key-shops.spec');
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../libs/resolution/src/operator-view/operator-view-build.spec');
