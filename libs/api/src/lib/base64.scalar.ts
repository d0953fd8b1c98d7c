import { GraphQLScalarType, Kind } from 'graphql';
import { ValidationFailedError } from './app-error';

/** 5 MB of text: a scanned page or a photo of a handwritten letter, not a video. */
export const MAX_BASE64_LENGTH = 5_000_000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseBase64(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_BASE64_LENGTH || value.length % 4 === 1 || !BASE64.test(value)) {
    throw new ValidationFailedError(
      `Expected base64 content of at most ${MAX_BASE64_LENGTH} characters`,
      `Nội dung phải mã hóa base64, tối đa ${MAX_BASE64_LENGTH} ký tự`,
    );
  }
  return value;
}

/** `Base64`: file content as standard base64; longer than the global string limit allows. */
export const Base64Scalar = new GraphQLScalarType({
  name: 'Base64',
  description: `File content, standard base64 (at most ${MAX_BASE64_LENGTH} characters)`,
  serialize: (value) => value,
  parseValue: parseBase64,
  parseLiteral: (ast) => parseBase64(ast.kind === Kind.STRING ? ast.value : undefined),
});
