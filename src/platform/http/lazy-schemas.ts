import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

/**
 * Fastify compiles every route's validators (ajv) and response serializers (fast-json-stringify)
 * when the app becomes ready: ~1.2 s of a start that should take seconds, for routes most of which
 * a given process never serves. These factories wrap Fastify's own (the same compilers, the same
 * options) so a route's functions are compiled on its first request and kept after.
 */
type BuildValidators = ReturnType<typeof AjvCompiler>;
type Validate = ((data: unknown) => unknown) & { errors?: unknown };

export function lazyValidators(): BuildValidators {
  const pool = AjvCompiler();
  return ((externalSchemas: Parameters<BuildValidators>[0], options: Parameters<BuildValidators>[1]) => {
    const compile = pool(externalSchemas, options);
    return (route: Parameters<typeof compile>[0]) => {
      let fn: Validate | undefined;
      const validate: Validate = (data) => {
        fn ??= compile(route) as Validate;
        const ok = fn(data);
        // Fastify reads a failed validation's reasons from the function it called.
        validate.errors = fn.errors;
        return ok;
      };
      return validate;
    };
  }) as BuildValidators;
}

type BuildSerializers = ReturnType<typeof SerializerSelector>;

export function lazySerializers(): BuildSerializers {
  const select = SerializerSelector();
  return ((externalSchemas: Parameters<BuildSerializers>[0], options: Parameters<BuildSerializers>[1]) => {
    const compile = select(externalSchemas, options);
    return (route: Parameters<typeof compile>[0]) => {
      let fn: ((doc: unknown) => string) | undefined;
      return (doc: unknown) => (fn ??= compile(route))(doc);
    };
  }) as BuildSerializers;
}
