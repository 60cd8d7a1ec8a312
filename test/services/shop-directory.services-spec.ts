/**
 * The shop directory on PostgreSQL: a batch's changes to listed shops are one UPDATE over arrays
 * there (json_each on SQLite), and the rows must be those of the SQLite spec.
 */
import { POSTGRES_ADMIN_URL } from '../support/databases';

process.env.SHOP_DIRECTORY_TEST_POSTGRES_URL = POSTGRES_ADMIN_URL;

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../libs/registration/src/shop-directory/shop-directory.projection.spec');
