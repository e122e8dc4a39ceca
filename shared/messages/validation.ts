import type { Catalogue } from './catalogue';

/**
 * What a rule of the contract says when input breaks it and the schema names no message of its own (see
 * shared/contract/issueMessages.ts), the names the command line gives to fields, and the date a form field takes.
 */
export const VALIDATION_MESSAGES = {
  'validation.needNumber': { vi: 'Cần một số.', en: 'A number is needed.' },
  'validation.needInteger': { vi: 'Cần một số nguyên.', en: 'A whole number is needed.' },
  'validation.needText': { vi: 'Cần một đoạn chữ.', en: 'Text is needed.' },
  'validation.needYesNo': { vi: 'Cần giá trị có/không (true hoặc false).', en: 'Yes or no (true or false) is needed.' },
  'validation.needList': { vi: 'Cần một danh sách.', en: 'A list is needed.' },
  'validation.needGroup': { vi: 'Cần một nhóm trường.', en: 'A group of fields is needed.' },
  'validation.wrongKind': { vi: 'Giá trị không đúng kiểu.', en: 'The value has the wrong kind.' },
  'validation.atMost': { vi: 'Không được lớn hơn {max}.', en: 'Must not be more than {max}.' },
  'validation.below': { vi: 'Phải nhỏ hơn {max}.', en: 'Must be less than {max}.' },
  'validation.atLeast': { vi: 'Không được nhỏ hơn {min}.', en: 'Must not be less than {min}.' },
  'validation.above': { vi: 'Phải lớn hơn {min}.', en: 'Must be more than {min}.' },
  'validation.tooShort': { vi: 'Quá ngắn (ít nhất {min} ký tự).', en: 'Too short (at least {min} characters).' },
  'validation.exactLength': { vi: 'Phải có đúng {n} ký tự.', en: 'Must have exactly {n} characters.' },
  'validation.tooManyItems': { vi: 'Quá nhiều mục (tối đa {max}).', en: 'Too many items (at most {max}).' },
  'validation.tooFewItems': { vi: 'Cần ít nhất {min} mục.', en: 'At least {min} items are needed.' },
  'validation.format': { vi: 'Sai định dạng.', en: 'Wrong format.' },
  'validation.address': { vi: 'Địa chỉ không hợp lệ.', en: 'Not a valid address.' },
  'validation.identifier': { vi: 'Mã định danh không hợp lệ.', en: 'Not a valid identifier.' },
  'validation.multipleOf': { vi: 'Phải là bội số của {divisor}.', en: 'Must be a multiple of {divisor}.' },
  'validation.unknownFields': { vi: 'Có trường không được biết: {keys}.', en: 'Unknown fields: {keys}.' },
  'validation.oneOf': { vi: 'Chỉ được chọn một trong: {values}.', en: 'Must be one of: {values}.' },
  'validation.exactly': { vi: 'Giá trị phải là {value}.', en: 'The value must be {value}.' },
  'validation.invalid': { vi: 'Giá trị không hợp lệ.', en: 'The value is not valid.' },

  // Rules of particular fields
  'validation.priority': { vi: 'Độ khẩn phải là một trong: {choices}.', en: 'Priority must be one of: {choices}.' },
  'validation.abbrev': {
    vi: 'Chữ viết tắt chỉ gồm chữ cái và chữ số, không có dấu cách hay dấu "-", "/" (ví dụ UBND, SGDĐT): nó đứng trong ký hiệu văn bản như 125/QĐ-UBND.',
    en: 'An abbreviation holds only letters and digits, no spaces, "-" or "/" (e.g. UBND): it is part of notations like 125/QĐ-UBND.',
  },
  'validation.dateField': {
    vi: 'Ngày không hợp lệ: cần dạng ngày/tháng/năm có thật, ví dụ 05/01/2026.',
    en: 'Not a real date: type day/month/year, e.g. 05/01/2026.',
  },

  // How the command line names a field in an error: options as typed, the n-th of a repeated option
  'validation.cli.nth': { vi: '{option} (thứ {n})', en: '{option} (number {n})' },
  'validation.cli.file': { vi: 'tệp thứ {n}', en: 'file {n}' },
  'validation.cli.query': { vi: '<từ khóa>', en: '<keywords>' },

  // Options the command line (or the browser host's) could not read; shown after "Cách dùng chưa đúng:"
  'validation.cli.unknownOption': { vi: 'không có tùy chọn {option}', en: 'there is no option {option}' },
  'validation.cli.missingValue': { vi: 'tùy chọn {option} cần một giá trị', en: 'option {option} needs a value' },
  'validation.cli.noValue': { vi: 'tùy chọn {option} không nhận giá trị', en: 'option {option} takes no value' },
  'validation.cli.dashValue': {
    vi: 'tùy chọn {option} cần một giá trị; giá trị bắt đầu bằng "-" thì viết liền: {option}=giá_trị',
    en: 'option {option} needs a value; write a value starting with "-" as {option}=value',
  },
  'validation.cli.extraArgument': { vi: 'thừa đối số {value}', en: 'unexpected argument {value}' },
  'validation.cli.badArguments': { vi: 'đối số không đọc được', en: 'the arguments cannot be read' },
} as const satisfies Catalogue;
