import { InProcessBus, InProcessTransport } from '../index';
import { describeMessagingContract } from './contract-suite';

describeMessagingContract('in-process', () => new InProcessTransport(new InProcessBus({ redeliveryDelayMs: 20 })));
