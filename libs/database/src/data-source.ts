import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateConfig } from '@resettle/common';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run migration:generate`, `migration:run`), run against the compiled dist/. */
export default new DataSource(dataSourceOptions(validateConfig(process.env).DATABASE_URL));
