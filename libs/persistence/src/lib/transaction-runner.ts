import { Injectable, type Provider } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { inTransaction } from './transaction';

/**
 * Port for application code: runs `work` in one database transaction that repositories and the
 * outbox called inside it join (nested runs join the outer one). Application code depends on this
 * and on its repository ports, never on TypeORM's `DataSource`. Also the Nest injection token.
 */
export abstract class TransactionRunner {
  abstract run<T>(work: () => Promise<T>): Promise<T>;
}

/** `TransactionRunner` over the service's TypeORM data source and the ambient `inTransaction`. */
@Injectable()
export class TypeOrmTransactionRunner extends TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, () => work());
  }
}

/** What `PersistenceModule` provides (and exports, globally) for `TransactionRunner`. */
export const transactionRunnerProvider: Provider = { provide: TransactionRunner, useClass: TypeOrmTransactionRunner };
