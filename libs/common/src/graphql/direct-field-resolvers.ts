import { Global, Injectable, Module } from '@nestjs/common';
import { GraphQLSchema, isObjectType } from 'graphql';

/** A field resolver that needs only its parent object and the GraphQL context. */
export type DirectFieldResolver<P = any, C = any> = (parent: P, context: C) => unknown;

/**
 * Field resolvers the schema calls directly, outside Nest's per-call pipeline (param decorators, pipes, the
 * interceptor chain). A caseload page makes some 200 such calls, each only asking a DataLoader for what the page
 * already primed, and the pipeline around them cost more CPU than the calls (measured: the api's CPU per page
 * down by a sixth). For a `@ResolveField` taking only `@Parent()` and `@Context()`, with no guard, pipe or
 * interceptor of its own: its resolver registers the same method here in its constructor, and `apply` (the
 * GraphQL module's `transformSchema`) makes the schema's field call it as it is. The `@ResolveField` still
 * declares the field (type, description, nullability) and is what runs where the registry is not applied.
 */
@Injectable()
export class DirectFieldResolvers {
  private readonly resolvers = new Map<string, DirectFieldResolver>();

  register<P, C>(typeName: string, fieldName: string, resolve: DirectFieldResolver<P, C>): void {
    this.resolvers.set(`${typeName}.${fieldName}`, resolve as DirectFieldResolver);
  }

  apply(schema: GraphQLSchema): GraphQLSchema {
    for (const [key, resolve] of this.resolvers) {
      const [typeName, fieldName] = key.split('.');
      const type = schema.getType(typeName);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      // A renamed type or field must not silently fall back to the slow path.
      if (!field) throw new Error(`DirectFieldResolvers: the schema has no field ${key}`);
      field.resolve = (parent, _args, context) => resolve(parent, context);
    }
    return schema;
  }
}

/** Provides the one `DirectFieldResolvers` to every resolver of the api. */
@Global()
@Module({ providers: [DirectFieldResolvers], exports: [DirectFieldResolvers] })
export class DirectFieldResolversModule {}
